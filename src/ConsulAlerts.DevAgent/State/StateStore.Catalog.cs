using ConsulAlerts.DevAgent.Catalog;
using ConsulAlerts.DevAgent.Health;
using ConsulAlerts.DevAgent.Http;

namespace ConsulAlerts.DevAgent.State;

/// <summary>Nodes, services and checks.</summary>
internal sealed partial class StateStore
{
    private readonly Dictionary<string, NodeEntry> _nodes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, ServiceEntry>> _servicesByNode = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<(string Node, string ServiceId)>> _servicesByName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, HealthCheck>> _checksByNode = new(StringComparer.Ordinal);
    /// <summary>Check IDs by (node, ServiceID); node-level checks are under an empty ServiceID.</summary>
    private readonly Dictionary<(string Node, string ServiceId), HashSet<string>> _checksByService = [];
    /// <summary>Per-service indexes ("service.&lt;name&gt;" in Consul's index table): health/service blocks on these.</summary>
    private readonly Dictionary<string, ulong> _serviceIndexes = new(StringComparer.Ordinal);
    private int _checkCount;
    private ulong _serviceExtinctionIndex;

    /// <summary>Index of the checks table (health/state, health/node, health/checks).</summary>
    public ulong ChecksIndex => Math.Max(_checksIndex, 1);

    /// <summary>Index of the nodes table.</summary>
    public ulong NodesIndex => Math.Max(_nodesIndex, 1);

    /// <summary>Index of the services table.</summary>
    public ulong ServicesIndex => Math.Max(_servicesIndex, 1);

    /// <summary>
    /// Index of health/service and catalog/service for one service (Consul's maxIndexForService): the service's own
    /// index while it exists, the "service_extinction" index once it is gone, else the tables' maximum.
    /// </summary>
    public ulong ServiceIndex(string serviceName, bool withChecks)
    {
        if (_servicesByName.ContainsKey(serviceName))
        {
            if (_serviceIndexes.TryGetValue(serviceName, out var own))
            {
                return Math.Max(own, 1);
            }
        }
        else if (_serviceExtinctionIndex > 0)
        {
            return _serviceExtinctionIndex;
        }

        return Math.Max(withChecks ? Max(_nodesIndex, _servicesIndex, _checksIndex) : Max(_nodesIndex, _servicesIndex), 1);
    }

    public bool EnsureNode(ulong index, NodeEntry spec)
    {
        var node = spec with { Datacenter = Datacenter };
        if (_nodes.TryGetValue(node.Node, out var existing))
        {
            if (existing.SameAs(node))
            {
                return false;
            }

            node = node with { CreateIndex = existing.CreateIndex, ModifyIndex = index };
        }
        else
        {
            node = node with { CreateIndex = index, ModifyIndex = index };
        }

        _nodes[node.Node] = node;
        _nodesIndex = index;
        TouchServicesOfNode(index, node.Node);
        _catalogDirty = true;
        return true;
    }

    public bool EnsureService(ulong index, string nodeName, ServiceEntry spec)
    {
        if (!_nodes.ContainsKey(nodeName))
        {
            throw new ConsulHttpException(500, "Missing node registration");
        }

        var services = GetOrAdd(_servicesByNode, nodeName);
        var service = spec;
        if (services.TryGetValue(service.ID, out var existing))
        {
            if (existing.SameAs(service))
            {
                return false;
            }

            service = service with { CreateIndex = existing.CreateIndex, ModifyIndex = index };
            if (existing.Service != service.Service)
            {
                RemoveFromNameIndex(index, existing.Service, nodeName, existing.ID);
            }
        }
        else
        {
            service = service with { CreateIndex = index, ModifyIndex = index };
        }

        services[service.ID] = service;
        GetOrAdd(_servicesByName, service.Service).Add((nodeName, service.ID));
        _serviceIndexes[service.Service] = index;
        _servicesIndex = index;
        _catalogDirty = true;

        // Checks carry a copy of their service's name and tags; keep it current.
        if (_checksByService.TryGetValue((nodeName, service.ID), out var checkIds))
        {
            var checks = _checksByNode[nodeName];
            foreach (var checkId in checkIds)
            {
                checks[checkId] = checks[checkId] with { ServiceName = service.Service, ServiceTags = service.Tags };
            }
        }

        return true;
    }

    /// <summary>Inserts or updates a check; a check that changes nothing keeps its indexes.</summary>
    public bool EnsureCheck(ulong index, HealthCheck spec)
    {
        if (!_nodes.ContainsKey(spec.Node))
        {
            throw new ConsulHttpException(500, "Missing node registration");
        }

        var check = spec;
        if (string.IsNullOrEmpty(check.Status))
        {
            check = check with { Status = HealthStatus.Critical };
        }

        if (!string.IsNullOrEmpty(check.ServiceID))
        {
            if (!_servicesByNode.TryGetValue(check.Node, out var services)
                || !services.TryGetValue(check.ServiceID, out var service))
            {
                throw new ConsulHttpException(500, $"Missing service registration for check '{check.CheckID}'");
            }

            check = check with { ServiceName = service.Service, ServiceTags = service.Tags };
        }
        else
        {
            check = check with { ServiceName = "", ServiceTags = [] };
        }

        var checks = GetOrAdd(_checksByNode, check.Node);
        if (checks.TryGetValue(check.CheckID, out var existing))
        {
            if (existing.SameAs(check))
            {
                return false;
            }

            check = check with { CreateIndex = existing.CreateIndex, ModifyIndex = index };
            if (existing.ServiceID != check.ServiceID)
            {
                RemoveCheckFromServiceIndex(check.Node, existing.ServiceID, check.CheckID);
            }
        }
        else
        {
            check = check with { CreateIndex = index, ModifyIndex = index };
            _checkCount++;
        }

        checks[check.CheckID] = check;
        GetOrAdd(_checksByService, (check.Node, check.ServiceID)).Add(check.CheckID);

        _checksIndex = index;
        TouchServicesOfCheck(index, check);
        _catalogDirty = true;
        if (check.Status == HealthStatus.Critical)
        {
            InvalidateSessionsOfCheck(index, check.Node, check.CheckID);
        }

        return true;
    }

    public bool DeleteCheck(ulong index, string nodeName, string checkId)
    {
        if (!_checksByNode.TryGetValue(nodeName, out var checks) || !checks.Remove(checkId, out var check))
        {
            return false;
        }

        _checkCount--;
        RemoveCheckFromServiceIndex(nodeName, check.ServiceID, checkId);

        if (nodeName == NodeName)
        {
            _scheduler.Cancel(CheckTimerPrefix + checkId);
        }

        _checksIndex = index;
        TouchServicesOfCheck(index, check);
        _catalogDirty = true;
        InvalidateSessionsOfCheck(index, nodeName, checkId);
        return true;
    }

    public bool DeleteService(ulong index, string nodeName, string serviceId)
    {
        if (!_servicesByNode.TryGetValue(nodeName, out var services) || !services.Remove(serviceId, out var service))
        {
            return false;
        }

        RemoveFromNameIndex(index, service.Service, nodeName, serviceId);
        if (_checksByService.TryGetValue((nodeName, serviceId), out var checkIds))
        {
            foreach (var checkId in checkIds.ToArray())
            {
                DeleteCheck(index, nodeName, checkId);
            }
        }

        _servicesIndex = index;
        _catalogDirty = true;
        return true;
    }

    public bool DeleteNode(ulong index, string nodeName)
    {
        if (!_nodes.ContainsKey(nodeName))
        {
            return false;
        }

        if (_servicesByNode.TryGetValue(nodeName, out var services))
        {
            foreach (var serviceId in services.Keys.ToArray())
            {
                DeleteService(index, nodeName, serviceId);
            }

            _servicesByNode.Remove(nodeName);
        }

        if (_checksByNode.TryGetValue(nodeName, out var checks))
        {
            foreach (var checkId in checks.Keys.ToArray())
            {
                DeleteCheck(index, nodeName, checkId);
            }

            _checksByNode.Remove(nodeName);
        }

        InvalidateSessionsOfNode(index, nodeName);
        _nodes.Remove(nodeName);
        _nodesIndex = index;
        _catalogDirty = true;
        return true;
    }

    public List<NodeEntry> Nodes()
    {
        var nodes = _nodes.Values.ToList();
        nodes.Sort((a, b) => string.CompareOrdinal(a.Node, b.Node));
        return nodes;
    }

    public NodeEntry? GetNode(string nodeName) => _nodes.GetValueOrDefault(nodeName);

    /// <summary>Each service name with the union of its instances' tags, sorted like Go's map encoding.</summary>
    public Dictionary<string, string[]> ServiceNames()
    {
        var result = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var name in _servicesByName.Keys.Order(StringComparer.Ordinal))
        {
            var tags = new List<string>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (node, id) in _servicesByName[name])
            {
                foreach (var tag in _servicesByNode[node][id].Tags)
                {
                    if (seen.Add(tag))
                    {
                        tags.Add(tag);
                    }
                }
            }

            result[name] = [.. tags];
        }

        return result;
    }

    public Dictionary<string, ServiceEntry> NodeServices(string nodeName)
    {
        var result = new Dictionary<string, ServiceEntry>(StringComparer.Ordinal);
        if (_servicesByNode.TryGetValue(nodeName, out var services))
        {
            foreach (var id in services.Keys.Order(StringComparer.Ordinal))
            {
                result[id] = services[id];
            }
        }

        return result;
    }

    public ServiceEntry? GetService(string nodeName, string serviceId) =>
        _servicesByNode.TryGetValue(nodeName, out var services) ? services.GetValueOrDefault(serviceId) : null;

    public HealthCheck? GetCheck(string nodeName, string checkId) =>
        _checksByNode.TryGetValue(nodeName, out var checks) ? checks.GetValueOrDefault(checkId) : null;

    /// <summary>Checks in a state (or all for <c>any</c>), ordered by node then CheckID like Consul's index.</summary>
    public List<HealthCheck> ChecksInState(string state)
    {
        var result = new List<HealthCheck>(state == "any" ? _checkCount : 16);
        foreach (var checks in _checksByNode.Values)
        {
            foreach (var check in checks.Values)
            {
                // Consul's status index is case-insensitive; only "any" itself is special.
                if (state == "any" || string.Equals(check.Status, state, StringComparison.OrdinalIgnoreCase))
                {
                    result.Add(check);
                }
            }
        }

        result.Sort(CompareChecks);
        return result;
    }

    public List<HealthCheck> NodeChecks(string nodeName)
    {
        var result = _checksByNode.TryGetValue(nodeName, out var checks) ? checks.Values.ToList() : [];
        result.Sort(CompareChecks);
        return result;
    }

    public List<HealthCheck> ServiceChecks(string serviceName)
    {
        var result = new List<HealthCheck>();
        if (_servicesByName.TryGetValue(serviceName, out var instances))
        {
            foreach (var (node, id) in instances)
            {
                if (_checksByService.TryGetValue((node, id), out var checkIds))
                {
                    var checks = _checksByNode[node];
                    result.AddRange(checkIds.Select(c => checks[c]));
                }
            }
        }

        result.Sort(CompareChecks);
        return result;
    }

    /// <summary>Instances of a service with their node and node-level plus service checks.</summary>
    public List<ServiceHealth> ServiceHealth(string serviceName, IReadOnlyList<string> tags, bool passingOnly)
    {
        var result = new List<ServiceHealth>();
        if (!_servicesByName.TryGetValue(serviceName, out var instances))
        {
            return result;
        }

        foreach (var (nodeName, id) in instances.Order())
        {
            var service = _servicesByNode[nodeName][id];
            if (!tags.All(t => service.Tags.Contains(t, StringComparer.OrdinalIgnoreCase)))
            {
                continue;
            }

            var checks = new List<HealthCheck>();
            var nodeChecks = _checksByNode.GetValueOrDefault(nodeName);
            foreach (var serviceId in new[] { "", id })
            {
                if (nodeChecks is not null && _checksByService.TryGetValue((nodeName, serviceId), out var checkIds))
                {
                    checks.AddRange(checkIds.Select(c => nodeChecks[c]));
                }
            }

            checks.Sort(CompareChecks);
            if (passingOnly && checks.Any(c => c.Status != HealthStatus.Passing))
            {
                continue;
            }

            result.Add(new ServiceHealth(_nodes[nodeName], service, checks));
        }

        return result;
    }

    private static int CompareChecks(HealthCheck a, HealthCheck b)
    {
        var byNode = string.CompareOrdinal(a.Node, b.Node);
        return byNode != 0 ? byNode : string.CompareOrdinal(a.CheckID, b.CheckID);
    }

    private static TValue GetOrAdd<TKey, TValue>(Dictionary<TKey, TValue> map, TKey key)
        where TKey : notnull
        where TValue : new()
    {
        if (!map.TryGetValue(key, out var value))
        {
            value = new TValue();
            map[key] = value;
        }

        return value;
    }

    private void RemoveFromNameIndex(ulong index, string serviceName, string nodeName, string serviceId)
    {
        if (_servicesByName.TryGetValue(serviceName, out var set))
        {
            set.Remove((nodeName, serviceId));
            _serviceIndexes[serviceName] = index;
            if (set.Count == 0)
            {
                // The last instance is gone: Consul drops the service's index and moves "service_extinction".
                _servicesByName.Remove(serviceName);
                _serviceIndexes.Remove(serviceName);
                _serviceExtinctionIndex = index;
            }
        }
    }

    /// <summary>A check change moves the index of its service, or of every service on the node for a node check.</summary>
    private void TouchServicesOfCheck(ulong index, HealthCheck check)
    {
        if (check.ServiceID.Length == 0)
        {
            TouchServicesOfNode(index, check.Node);
        }
        else if (_servicesByName.ContainsKey(check.ServiceName))
        {
            _serviceIndexes[check.ServiceName] = index;
        }
    }

    private void TouchServicesOfNode(ulong index, string nodeName)
    {
        if (_servicesByNode.TryGetValue(nodeName, out var services))
        {
            foreach (var service in services.Values)
            {
                _serviceIndexes[service.Service] = index;
            }
        }
    }

    private void RemoveCheckFromServiceIndex(string nodeName, string serviceId, string checkId)
    {
        if (_checksByService.TryGetValue((nodeName, serviceId), out var set))
        {
            set.Remove(checkId);
            if (set.Count == 0)
            {
                _checksByService.Remove((nodeName, serviceId));
            }
        }
    }
}
