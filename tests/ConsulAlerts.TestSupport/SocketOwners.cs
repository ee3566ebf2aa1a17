using System.Globalization;

namespace ConsulAlerts.TestSupport;

/// <summary>
/// Tells which local process opened a loopback TCP connection, from Linux's <c>/proc</c>: the connection's socket inode
/// in <c>/proc/net/tcp</c> (or <c>tcp6</c>, for dual-mode sockets), then the candidate process holding that inode among
/// its file descriptors. A receiver shared by several daemons learns this way which one sent a request, without any
/// cooperation from the sender.
/// </summary>
public static class SocketOwners
{
    /// <summary>
    /// The process among <paramref name="candidates"/> whose socket is connected from <paramref name="clientPort"/> to
    /// <paramref name="serverPort"/>, or null when none is (it exited, or this is not Linux).
    /// </summary>
    public static int? FindClient(int clientPort, int serverPort, IEnumerable<int> candidates)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        var inode = FindInode(clientPort, serverPort);
        if (inode is null)
        {
            return null;
        }

        string link = $"socket:[{inode}]";
        foreach (int pid in candidates)
        {
            try
            {
                foreach (var fd in Directory.EnumerateFiles($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/fd"))
                {
                    if (new FileInfo(fd).LinkTarget == link)
                    {
                        return pid;
                    }
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // The process exited, or a descriptor closed while listing: not this one.
            }
        }

        return null;
    }

    private static string? FindInode(int clientPort, int serverPort)
    {
        string local = ":" + clientPort.ToString("X4", CultureInfo.InvariantCulture);
        string remote = ":" + serverPort.ToString("X4", CultureInfo.InvariantCulture);
        foreach (var table in new[] { "/proc/net/tcp", "/proc/net/tcp6" })
        {
            string[] lines;
            try
            {
                lines = File.ReadAllLines(table);
            }
            catch (IOException)
            {
                continue;
            }

            // "sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode ..."; addresses are hex ADDR:PORT.
            foreach (var line in lines.Skip(1))
            {
                var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (fields.Length > 9 && fields[1].EndsWith(local, StringComparison.Ordinal) && fields[2].EndsWith(remote, StringComparison.Ordinal) && fields[9] != "0")
                {
                    return fields[9];
                }
            }
        }

        return null;
    }
}
