using System.Collections;

namespace ConsulAlerts.Notifications.Templates;

/// <summary>One execution of a parsed template; follows Go's text/template/exec.</summary>
internal sealed class TemplateExecutor
{
    private readonly GoTemplate _template;
    private readonly TextWriter _writer;
    private readonly List<(string Name, object? Value)> _vars = [];
    private long _written;
    private long _computed;
    private int _steps;

    public TemplateExecutor(GoTemplate template, TextWriter writer, object? data)
    {
        _template = template;
        _writer = writer;
        _vars.Add(("$", data));
    }

    public void Run(ListNode root, object? data) => Walk(data, root);

    private void Walk(object? dot, TemplateNode node)
    {
        if (++_steps > _template.Options.MaxSteps)
        {
            throw Error(node.Pos, $"execution exceeds {_template.Options.MaxSteps} steps");
        }

        switch (node)
        {
            case TextNode text:
                Write(text.Pos, text.Text);
                break;
            case ActionNode action:
                var value = EvalPipeline(dot, action.Pipe);
                if (action.Pipe.Declarations.Count == 0)
                {
                    Print(action.Pos, value);
                }

                break;
            case ListNode list:
                foreach (var child in list.Nodes)
                {
                    Walk(dot, child);
                }

                break;
            case BranchNode { Kind: BranchKind.Range } range:
                WalkRange(dot, range);
                break;
            case BranchNode branch:
                var mark = _vars.Count;
                var condition = EvalPipeline(dot, branch.Pipe);
                if (GoValues.IsTrue(condition))
                {
                    Walk(branch.Kind == BranchKind.With ? condition : dot, branch.List);
                }
                else if (branch.Else is not null)
                {
                    Walk(dot, branch.Else);
                }

                Pop(mark);
                break;
        }
    }

    private void WalkRange(object? dot, BranchNode range)
    {
        var value = EvalCommands(dot, range.Pipe);
        var declarations = range.Pipe.Declarations;
        var iterated = false;

        void OneIteration(object? key, object? element)
        {
            iterated = true;
            var mark = _vars.Count;
            if (declarations.Count == 2)
            {
                Declare(range.Pipe, declarations[0], key);
                Declare(range.Pipe, declarations[1], element);
            }
            else if (declarations.Count == 1)
            {
                Declare(range.Pipe, declarations[0], element);
            }

            Walk(element, range.List);
            Pop(mark);
        }

        switch (value)
        {
            case null or MissingValue:
                break;
            case string:
                throw Error(range.Pos, $"range can't iterate over {value}");
            case var _ when GoValues.TryGetInteger(value, out var count):
                // Go 1.22 ranges over an integer n as 0..n-1.
                if (declarations.Count > 1)
                {
                    throw Error(range.Pos, $"can't use {value} to iterate over more than one variable");
                }

                for (var i = 0; i < count; i++)
                {
                    OneIteration(i, i);
                }

                break;
            case var _ when MapAdapter.For(value) is { } map:
                foreach (var (k, v) in map.SortedEntries(value))
                {
                    OneIteration(k, v);
                }

                break;
            case IEnumerable items:
                var index = 0;
                foreach (var item in items)
                {
                    OneIteration(index++, item);
                }

                break;
            default:
                throw Error(range.Pos, $"range can't iterate over {GoFormat.Value(value)}");
        }

        if (!iterated && range.Else is not null)
        {
            Walk(dot, range.Else);
        }
    }

    private void Declare(PipelineNode pipe, string name, object? value)
    {
        if (pipe.IsAssign)
        {
            SetVar(name, value);
        }
        else
        {
            _vars.Add((name, value));
        }
    }

    private void Print(int pos, object? value)
    {
        if (_template.Options.HtmlEscape)
        {
            // html/template drops nil and missing values instead of printing <nil> / <no value>.
            Write(pos, value is null or MissingValue ? "" : GoEscape.HtmlText(GoFormat.Value(value)));
            return;
        }

        Write(pos, value is MissingValue ? "<no value>" : GoFormat.Value(value));
    }

    private void Write(int pos, string text)
    {
        _written += text.Length;
        if (_written > _template.Options.MaxOutputChars)
        {
            throw Error(pos, $"output exceeds {_template.Options.MaxOutputChars} characters");
        }

        _writer.Write(text);
    }

    private object? EvalPipeline(object? dot, PipelineNode pipe)
    {
        var value = EvalCommands(dot, pipe);
        foreach (var name in pipe.Declarations)
        {
            Declare(pipe, name, value);
        }

        return value;
    }

    private object? EvalCommands(object? dot, PipelineNode pipe)
    {
        object? value = MissingValue.Instance;
        for (var i = 0; i < pipe.Commands.Count; i++)
        {
            value = EvalCommand(dot, pipe.Commands[i], hasFinal: i > 0, value);
        }

        return value;
    }

    private object? EvalCommand(object? dot, CommandNode cmd, bool hasFinal, object? final)
    {
        var first = cmd.Args[0];
        switch (first)
        {
            case FieldNode field:
                return EvalFieldChain(dot, field, field.Path, cmd.Args, hasFinal, final);
            case ChainNode chain:
                return EvalFieldChain(EvalArg(dot, chain.Node), chain, chain.Path, cmd.Args, hasFinal, final);
            case IdentifierNode function:
                return EvalFunction(dot, function, cmd.Args, hasFinal, final);
            case VariableNode variable:
                return EvalVariable(dot, variable, cmd.Args, hasFinal, final);
        }

        if (cmd.Args.Count > 1 || hasFinal)
        {
            throw Error(first, $"can't give argument to non-function {first.Source}");
        }

        return first switch
        {
            PipeNode pipe => EvalPipeline(dot, pipe.Pipe),
            NilNode => throw Error(first, "nil is not a command"),
            _ => EvalArg(dot, first),
        };
    }

    private object? EvalArg(object? dot, ArgNode node) => node switch
    {
        DotNode => dot,
        NilNode => null,
        LiteralNode literal => literal.Value,
        FieldNode field => EvalFieldChain(dot, field, field.Path, [field], false, null),
        VariableNode variable => EvalVariable(dot, variable, [variable], false, null),
        PipeNode pipe => EvalPipeline(dot, pipe.Pipe),
        IdentifierNode function => EvalFunction(dot, function, [function], false, null),
        ChainNode chain => EvalFieldChain(EvalArg(dot, chain.Node), chain, chain.Path, [chain], false, null),
        _ => throw Error(node.Pos, $"can't handle {node.Source}"),
    };

    private object? EvalVariable(object? dot, VariableNode node, IReadOnlyList<ArgNode> args, bool hasFinal, object? final)
    {
        var value = GetVar(node);
        if (node.Path.Count == 0)
        {
            if (args.Count > 1 || hasFinal)
            {
                throw Error(node.Pos, $"can't give argument to non-function {node.Source}");
            }

            return value;
        }

        return EvalFieldChain(value, node, node.Path, args, hasFinal, final);
    }

    private object? EvalFieldChain(object? receiver, ArgNode node, IReadOnlyList<string> path, IReadOnlyList<ArgNode> args, bool hasFinal, object? final)
    {
        for (var i = 0; i < path.Count - 1; i++)
        {
            receiver = EvalField(receiver, path[i], node, false);
        }

        return EvalField(receiver, path[^1], node, args.Count > 1 || hasFinal);
    }

    private object? EvalField(object? receiver, string name, ArgNode node, bool hasArgs)
    {
        if (receiver is null or MissingValue)
        {
            // Go yields "no value" for a field of a missing or nil interface value.
            return MissingValue.Instance;
        }

        if (MapAdapter.For(receiver) is { } map)
        {
            if (hasArgs)
            {
                throw Error(node, $"{name} is not a method but has arguments");
            }

            map.TryGet(receiver, name, out var value);
            return value;
        }

        var accessor = TemplateModel.MembersOf(receiver)?.Find(name)
            ?? throw Error(node, $"can't evaluate field {name} in type {receiver.GetType().Name}");
        if (hasArgs)
        {
            throw Error(node, accessor.IsMethod
                ? $"wrong number of args for {name}: want 0 got more"
                : $"{name} has arguments but cannot be invoked as function");
        }

        try
        {
            return accessor.Getter(receiver);
        }
        catch (Exception e) when (accessor.IsMethod)
        {
            throw Error(node, $"error calling {name}: {e.Message}");
        }
    }

    private object? EvalFunction(object? dot, IdentifierNode function, IReadOnlyList<ArgNode> args, bool hasFinal, object? final)
    {
        var name = function.Name;
        var count = args.Count - 1 + (hasFinal ? 1 : 0);
        if (name is "and" or "or")
        {
            if (count == 0)
            {
                throw Error(function, $"wrong number of args for {name}: want at least 1 got 0");
            }

            // Go 1.18+: evaluation stops at the first argument that decides the result.
            object? value = null;
            for (var i = 1; i <= count; i++)
            {
                value = i < args.Count ? EvalArg(dot, args[i]) : final;
                if (GoValues.IsTrue(value) == (name == "or"))
                {
                    return value;
                }
            }

            return value;
        }

        var values = new List<object?>(count);
        // Functions take interface{} arguments in Go, where a missing value arrives as nil.
        for (var i = 1; i < args.Count; i++)
        {
            values.Add(EvalArg(dot, args[i]) is var v and not MissingValue ? v : null);
        }

        if (hasFinal)
        {
            values.Add(final is MissingValue ? null : final);
        }

        object? result;
        try
        {
            result = GoFunctions.Call(name, values);
        }
        catch (TemplateFunctionException e)
        {
            throw Error(function, e.Message.StartsWith("wrong number of args", StringComparison.Ordinal) ? e.Message : $"error calling {name}: {e.Message}");
        }

        if (result is string text)
        {
            if (text.Length > _template.Options.MaxOutputChars)
            {
                throw Error(function, $"error calling {name}: result exceeds {_template.Options.MaxOutputChars} characters");
            }

            _computed += text.Length;
            if (_computed > _template.Options.MaxComputedChars)
            {
                throw Error(function, $"error calling {name}: function results exceed {_template.Options.MaxComputedChars} characters in all");
            }
        }

        return result;
    }

    private object? GetVar(VariableNode node)
    {
        for (var i = _vars.Count - 1; i >= 0; i--)
        {
            if (_vars[i].Name == node.Name)
            {
                return _vars[i].Value;
            }
        }

        throw Error(node.Pos, $"undefined variable: {node.Name}");
    }

    private void SetVar(string name, object? value)
    {
        for (var i = _vars.Count - 1; i >= 0; i--)
        {
            if (_vars[i].Name == name)
            {
                _vars[i] = (name, value);
                return;
            }
        }
    }

    private void Pop(int mark) => _vars.RemoveRange(mark, _vars.Count - mark);

    private GoTemplateException Error(int pos, string message) =>
        new(_template.Name, _template.Source, pos, $"executing {GoFormat.Quote(_template.Name)}: {message}");

    private GoTemplateException Error(ArgNode at, string message) =>
        new(_template.Name, _template.Source, at.Pos, $"executing {GoFormat.Quote(_template.Name)} at <{at.Source}>: {message}");
}
