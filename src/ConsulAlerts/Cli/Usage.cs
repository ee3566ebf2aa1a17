namespace ConsulAlerts.Cli;

/// <summary>The usage text, in the Go daemon's docopt layout so existing command lines read the same.</summary>
internal static class Usage
{
    public const string Synopsis = """
        Usage:
          consul-alerts start [--alert-addr=<addr>] [--consul-addr=<addr>] [--consul-dc=<dc>]
                              [--consul-acl-token=<token>] [--consul-ignore-cert=<bool>]
                              [--watch-checks] [--watch-events] [--log-level=<level>]
                              [--log-format=<format>]
                              [--config-file=<file>] [--kv-prefix=<prefix>]
                              [--leader-ttl=<time>] [--leader-check-ttl=<time>]
                              [--leader-lock-delay=<time>] [--api-token=<token>]
                              [--datacenters=<list>] [--pass-consul-token-to-scripts]
          consul-alerts watch (checks|event) [--alert-addr=<addr>] [--log-level=<level>]
                                             [--api-token=<token>]
          consul-alerts dev-agent [--port=<port>]
          consul-alerts dev [--consul-port=<port>] [--alert-addr=<addr>] [--log-level=<level>]
                            [--log-format=<format>]
          consul-alerts config (import <file>|validate <file>|export) [--consul-addr=<addr>]
                               [--consul-dc=<dc>] [--consul-acl-token=<token>] [--kv-prefix=<prefix>]
          consul-alerts healthcheck [--alert-addr=<addr>]
          consul-alerts silence add <matcher>... --comment=<text> [--author=<name>]
                                [--duration=<time>|--end=<time>] [--start=<time>]
                                [--alert-addr=<addr>] [--api-token=<token>]
          consul-alerts silence update <id> [<matcher>...] [--duration=<time>|--end=<time>]
                                   [--start=<time>] [--comment=<text>] [--author=<name>]
                                   [--alert-addr=<addr>] [--api-token=<token>]
          consul-alerts silence (list|export) [--alert-addr=<addr>]
          consul-alerts silence expire <id>... [--alert-addr=<addr>] [--api-token=<token>]
          consul-alerts silence import [<file>|-] [--alert-addr=<addr>] [--api-token=<token>]
          consul-alerts --help | --version
        """;

    public const string Full = "consul-alerts: watches Consul health checks and events, and notifies people.\n\n" + Synopsis + """


        Commands:
          start       Run the daemon and its HTTP API on --alert-addr until SIGINT or SIGTERM.
          watch       Handler for `consul watch`: POST the payload on stdin to the running daemon.
          dev-agent   Run an in-memory Consul-compatible agent on 127.0.0.1 (for trying things out).
          dev         Demo: the dev agent on --consul-port, three services whose checks flap, a demo
                      configuration (log notifier, 5 s change-threshold) and the daemon on --alert-addr
                      [default: 127.0.0.1:9000], in one process until SIGINT or SIGTERM.
          config      import <file>: check a `consul kv export` file and write it under --kv-prefix;
                      export: print <kv-prefix>/config/ in that format; validate <file>: report every
                      problem with its key (the daemon's own parser), exit 78 when there is any.
          healthcheck GET /healthz of the daemon on --alert-addr; exit 0 when healthy (for containers).
          silence     Manage silences through the daemon on --alert-addr. add: mute the checks all
                      matchers match (label=value, label!=value, label=~regex, label!~regex; labels:
                      node, service, service-id, check, check-name, status, service-tags, datacenter)
                      and print the new id; update: replace what is given of a pending or active
                      silence (matchers, end, comment...) and keep the rest, e.g. --duration=2h to
                      end it two hours from now; list: a table; expire: end silences now; export: print
                      active and pending silences as a JSON array; import: create each silence of such
                      an array (from <file>, or stdin), reporting each failure by its position.

        Options:
          --alert-addr=<addr>          host:port of the consul-alerts HTTP API; "localhost" and 127.0.0.1
                                       listen on loopback only, ":9000" and 0.0.0.0:9000 on every
                                       interface, as the Go daemon did; 127.0.0.1:0 takes any free port
                                       and logs it [default: localhost:9000].
          --consul-addr=<addr>         Consul agent: host:port, http://host:port, https://host:port or
                                       unix:///path [default: CONSUL_HTTP_ADDR, else localhost:8500].
          --consul-dc=<dc>             Consul datacenter [default: dc1].
          --datacenters=<list>         Datacenters whose checks are watched, through the agent: dc1,dc2
                                       or all (every one Consul knows, re-read each minute) [default:
                                       the --consul-dc one only].
          --consul-acl-token=<token>   Consul ACL token; replaces CONSUL_HTTP_TOKEN and
                                       CONSUL_HTTP_TOKEN_FILE [default: from those, else none].
          --consul-ignore-cert=<bool>  Do not verify Consul's TLS certificate [default: false].
          --watch-checks               Accepted for compatibility: checks are always watched.
          --watch-events               Accepted for compatibility: events are always watched.
          --pass-consul-token-to-scripts
                                       Custom notifiers and event handlers inherit CONSUL_HTTP_TOKEN,
                                       CONSUL_HTTP_TOKEN_FILE and CONSUL_HTTP_AUTH, as under the Go
                                       daemon [default: withheld]. Secrets are redacted from their
                                       logged output either way.
          --log-level=<level>          debug, info, warn or err (also error) [default: warn].
          --log-format=<format>        text: one line per event; json: one JSON object per line, for
                                       log shippers [default: text].
          --config-file=<file>         JSON object with any of the keys log-level, log-format,
                                       consul-acl-token, consul-addr, consul-dc, alert-addr,
                                       watch-checks, watch-events, kv-prefix, consul-ignore-cert,
                                       leader-ttl, leader-check-ttl, leader-lock-delay, api-token,
                                       datacenters, pass-consul-token-to-scripts.
          --kv-prefix=<prefix>         Consul KV prefix of configuration and state [default: consul-alerts].
          --leader-ttl=<time>          TTL of the leader's Consul session, 10s to 24h; a duration such as
                                       15s or 1m30s, or seconds [default: 10s]. It bounds the leader
                                       when its check is off: a dead leader is then replaced within
                                       about twice the TTL plus the lock-delay.
          --leader-check-ttl=<time>    TTL of the agent check the leader's session depends on, 0s (off)
                                       or 2s to 1h [default: 4s]. A dead or stalled leader is replaced
                                       about this plus the lock-delay later; a clean shutdown hands
                                       over at once.
          --leader-lock-delay=<time>   How long no daemon may take over after a dead leader's session
                                       ends, 0s to 60s [default: 1s].
          --api-token=<token>          Bearer token that POST /v1/process/*, POST /v1/silences, and PUT
                                       and DELETE /v1/silences/<id> require; GET endpoints stay open.
                                       watch and silence send it [default: CONSUL_ALERTS_API_TOKEN,
                                       else none].
          --comment=<text>             silence add: why (required).
          --author=<name>              silence add: who [default: USER].
          --duration=<time>            silence add: how long, from --start or now [default: 1h].
          --end=<time>                 silence add: when it ends, RFC 3339 (instead of --duration).
          --start=<time>               silence add: when it starts, RFC 3339 [default: now].
          --port=<port>                dev-agent port on 127.0.0.1; 0 picks a free one [default: 8500].
          --consul-port=<port>         dev: port of its agent on 127.0.0.1; 0 picks one [default: 8500].
          --help                       Show this screen.
          --version                    Show the version.

        Options take --name=value or --name value. Each setting comes from, in order of precedence:
        the option, the config file, the environment, the default.

        Environment (start):
          CONSUL_HTTP_ADDR         Consul agent address.
          CONSUL_HTTP_TOKEN        ACL token.
          CONSUL_HTTP_TOKEN_FILE   File holding the ACL token; wins over CONSUL_HTTP_TOKEN.
          CONSUL_HTTP_SSL          Use https for an address without a scheme (true/false, 1/0, t/f).
          CONSUL_HTTP_SSL_VERIFY   false: do not verify Consul's TLS certificate.
          CONSUL_CACERT            CA certificates (PEM) to trust.
          CONSUL_CLIENT_CERT       Client certificate (PEM); needs CONSUL_CLIENT_KEY.
          CONSUL_CLIENT_KEY        Client key (PEM); needs CONSUL_CLIENT_CERT.
          CONSUL_TLS_SERVER_NAME   TLS server name (SNI).
          CONSUL_HTTP_AUTH         HTTP basic auth, user:password.
          CONSUL_ALERTS_API_TOKEN  API token (start, watch and silence), as --api-token.
          USER                     silence add: the default --author.

        Exit codes:
          0    success; start, dev and dev-agent: stopped by SIGINT or SIGTERM; config validate: valid
          1    start: the alert address is taken (another daemon or process listens there);
               watch: the daemon answered with an error; healthcheck: not healthy;
               silence: the daemon refused something (each refusal on stderr);
               config import|export: Consul cannot be reached or refused the request
          2    watch, healthcheck, silence: the daemon is not reachable
          64   bad command line (EX_USAGE)
          66   a file cannot be read: config file, token file, certificate (EX_NOINPUT)
          70   unexpected internal error (EX_SOFTWARE)
          78   invalid config file, environment variable or config import|validate file (EX_CONFIG)
        """;
}
