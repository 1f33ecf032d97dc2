using System.CommandLine;
using System.Globalization;
using Rung.Governance;
using Rung.Governance.Audit;
using Rung.Governance.Identity;
using Rung.Governance.Signatures;
using Rung.Registry;
using Rung.Registry.Gates;
using Rung.Registry.Shadow;
using Rung.Registry.Signing;
using Rung.Storage.Sqlite;
using Spectre.Console;

namespace Rung.Cli.Commands;

/// <summary><c>rung model</c>: the model registry from a training pipeline or a terminal, with --json for CI.</summary>
internal static class ModelCommands
{
    public static Command Create() => new("model", "Register, sign, verify, compare, release and roll back model versions")
    {
        Register(),
        Simple("sign", "Sign a version: write its manifest of SHA-256 digests and the detached ECDSA P-256 signature", SignAsync),
        Simple("verify", "Verify a version: the signature and every file's digest; exit code 1 naming each missing, extra or changed file", VerifyAsync),
        List(),
        Simple("show", "Show one version: configuration, lineage, signature, aliases", ShowAsync),
        Simple("lineage", "Show a version's ancestry with each one's dataset, code version and metrics", LineageAsync),
        Simple("compare", "Show a version's evidence against the champion (test gates, shadow comparison); exit code 1 when its latest gate failed", CompareAsync),
        Approve(),
        Release(),
        Rollback(),
    };

    private sealed record Context(ParseResult Parse, ModelRegistry Registry, SqliteRungStore Store, DirectoryInfo Data, string Agent, string? Version, bool Json);

    private static Option<string> AgentOption() => new("--agent") { Description = "The agent id", Required = true };

    private static Option<string> VersionOption() => new("--version") { Description = "The version id (v1, v2, ...)", Required = true };

    private static Option<bool> JsonOption() => new("--json") { Description = "Write JSON to stdout" };

    private static Command Register()
    {
        var kind = new Option<string>("--kind") { Description = "process | in_process | remote", Required = true };
        var entry = new Option<string>("--entry") { Description = "process: the executable; in_process: the model file's name among the artefacts; remote: the URL", Required = true };
        var args = new Option<string[]>("--arg") { Description = "A process argument (repeat)", AllowMultipleArgumentsPerToken = false };
        var files = new Option<string[]>("--artifact") { Description = "A file or folder to copy into the version (repeat)" };
        var timeout = new Option<int?>("--timeout-ms") { Description = "Per-call timeout in milliseconds" };
        var dataset = new Option<string?>("--dataset-id") { Description = "The training-data snapshot id" };
        var datasetSha = new Option<string?>("--dataset-sha256") { Description = "The snapshot's content hash" };
        var code = new Option<string?>("--code-version") { Description = "The training code's version" };
        var parameters = new Option<string[]>("--param") { Description = "A training parameter key=value (repeat)" };
        var metrics = new Option<string[]>("--metric") { Description = "A metric key=number (repeat)" };
        var parent = new Option<string?>("--parent") { Description = "The version it was derived from" };
        var by = new Option<string>("--by") { Description = "Who registers it", Required = true };
        var command = new Command("register", "Register a model version: copy its artefacts into DIR/models/<agent>/<version>/ with its configuration and lineage")
        {
            CommonOptions.Data(), AgentOption(), JsonOption(), kind, entry, args, files, timeout, dataset, datasetSha, code, parameters, metrics, parent, by,
        };
        command.SetAction((parse, ct) => RunAsync(parse, needsVersion: false, async c =>
        {
            var artifactKind = parse.GetValue(kind) switch
            {
                "process" => ModelArtifactKind.ProcessBundle,
                "in_process" => ModelArtifactKind.InProcessFile,
                "remote" => ModelArtifactKind.RemoteEndpoint,
                var other => throw new ArgumentException($"--kind '{other}' is not one of process, in_process, remote."),
            };
            var lineage = new ModelLineage(parse.GetValue(dataset), parse.GetValue(datasetSha), parse.GetValue(code), Pairs(parse.GetValue(parameters), "--param", s => s), Pairs(parse.GetValue(metrics), "--metric", Number));
            var registered = await c.Registry.RegisterAsync(new ModelRegistration(c.Agent, new ModelConfiguration(artifactKind, parse.GetValue(entry)!, parse.GetValue(args) ?? [], parse.GetValue(timeout)), parse.GetValue(files) ?? [], lineage, parse.GetValue(parent), parse.GetValue(by)!), ct).ConfigureAwait(false);
            Write(c, new { agent = c.Agent, version = registered.Version, folder = registered.Folder, signed = false }, $"Registered {c.Agent}/{registered.Version} in {registered.Folder} (unsigned: run `rung model sign`).");
            return ExitCodes.Ok;
        }, ct));
        return command;
    }

    private static Command Simple(string name, string description, Func<Context, CancellationToken, Task<int>> action)
    {
        var command = new Command(name, description) { CommonOptions.Data(), AgentOption(), VersionOption(), JsonOption() };
        if (name == "sign")
        {
            command.Options.Add(new Option<string>("--by") { Description = "Who signs", Required = true });
        }

        if (name == "compare")
        {
            command.Options.Add(ModelLiveCompare.LiveOption());
        }

        command.SetAction((parse, ct) => RunAsync(parse, needsVersion: true, c => action(c, ct), ct));
        return command;
    }

    private static Command List()
    {
        var agent = new Option<string?>("--agent") { Description = "Only this agent" };
        var command = new Command("list", "List registered versions with their aliases and signature state") { CommonOptions.Data(), agent, JsonOption() };
        command.SetAction((parse, ct) => WithRegistryAsync(parse, async (registry, json) =>
        {
            var versions = await registry.Store.GetModelVersionsAsync(parse.GetValue(agent), ct).ConfigureAwait(false);
            var rows = new List<object>();
            var table = new Table { Title = new TableTitle($"{versions.Count} model version(s)") }.AddColumns("agent", "version", "kind", "aliases", "signed", "registered (UTC)", "by", "parent");
            foreach (var v in versions)
            {
                var aliases = (await registry.Store.GetModelAliasesAsync(v.AgentId, ct).ConfigureAwait(false)).Where(a => a.Version == v.Version).Select(a => a.Alias).ToList();
                rows.Add(new { agent = v.AgentId, version = v.Version, kind = v.Kind, aliases, manifest_sha256 = v.ManifestSha256, registered_at = v.RegisteredAt, registered_by = v.RegisteredBy, parent = v.ParentVersion });
                table.AddRow(Markup.Escape(v.AgentId), v.Version, v.Kind, string.Join(", ", aliases), v.ManifestSha256 is null ? "[yellow]no[/]" : v.ManifestSha256[..12], v.RegisteredAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), Markup.Escape(v.RegisteredBy), v.ParentVersion ?? "");
            }

            if (json)
            {
                Console.WriteLine(RegistryJson.Write(rows));
            }
            else
            {
                AnsiConsole.Write(table);
            }

            return ExitCodes.Ok;
        }, ct));
        return command;
    }

    private static Command Release()
    {
        var by = new Option<string>("--by") { Description = "Who releases it", Required = true };
        var minimumShadow = ModelLiveCompare.MinimumShadowCasesOption();
        var command = new Command("release", "Make a version the champion: it must verify, have passed its test gates against the champion and carry an Approved electronic signature on its manifest hash (see `rung model approve`)")
        {
            CommonOptions.Data(), AgentOption(), VersionOption(), JsonOption(), by, minimumShadow,
        };
        command.SetAction((parse, ct) => RunAsync(parse, needsVersion: true, async c =>
        {
            using var key = ServerKey.LoadOrCreate(GovernancePaths.Keys(c.Data.FullName));
            var approvals = new SignedReleaseApprovals(new SignatureService(GovernanceCli.Identity(c.Store), c.Store, key, TimeProvider.System));
            var registry = ModelLiveCompare.WithMinimum(c.Registry, c.Store, c.Data, parse.GetValue(minimumShadow));
            var release = await registry.ReleaseAsync(c.Agent, c.Version!, parse.GetValue(by)!, approvals, ct).ConfigureAwait(false);
            await GovernanceCli.CheckpointAsync(c.Store, c.Data, ct).ConfigureAwait(false);
            Write(c, release, $"{c.Agent}/{release.Version} is the champion (was {release.Previous ?? "none"}), signed by {release.Signature?.Signer ?? "nobody"}; on probation until {release.ProbationUntil:yyyy-MM-dd HH:mm}Z.");
            return ExitCodes.Ok;
        }, ct));
        return command;
    }

    private static Command Approve()
    {
        var user = new Option<string>("--user") { Description = "The approver's user id (Quality or Owner role, zone covering the agent)", Required = true };
        var meaning = new Option<SignatureMeaning>("--meaning") { Description = "What the signature means", DefaultValueFactory = _ => SignatureMeaning.Approved };
        var (stdin, env) = (GovernanceCli.PasswordStdin(), GovernanceCli.PasswordEnv());
        var command = new Command("approve", "Sign a version's release electronically: user id and password, bound to the version's manifest hash")
        {
            CommonOptions.Data(), AgentOption(), VersionOption(), JsonOption(), user, meaning, stdin, env,
        };
        command.SetAction((parse, ct) => RunAsync(parse, needsVersion: true, c => ApproveAsync(c, parse.GetValue(user)!, parse.GetValue(meaning), parse.GetValue(stdin), parse.GetValue(env), ct), ct));
        return command;
    }

    private static async Task<int> ApproveAsync(Context c, string userId, SignatureMeaning meaning, bool fromStdin, string? environmentVariable, CancellationToken ct)
    {
        var model = await c.Registry.RequireAsync(c.Agent, c.Version!, ct).ConfigureAwait(false);
        var manifest = model.ManifestSha256 ?? throw new InvalidOperationException($"{c.Agent}/{c.Version} is not signed yet; run `rung model sign` first.");
        var password = await GovernanceCli.ReadPasswordAsync(fromStdin, environmentVariable, ct).ConfigureAwait(false);
        if (password is null)
        {
            return ExitCodes.BadInput;
        }

        var identity = GovernanceCli.Identity(c.Store);
        var signIn = await identity.SignInAsync(userId, password, ct).ConfigureAwait(false);
        if (!signIn.Succeeded)
        {
            await Console.Error.WriteLineAsync(signIn.Message).ConfigureAwait(false);
            return ExitCodes.CheckFailed;
        }

        var agent = await c.Store.GetAgentAsync(c.Agent, ct).ConfigureAwait(false);
        var allowed = await identity.AuthorizeAsync(signIn.Session!.Principal, Operation.ReleaseModel, agent?.Scope ?? c.Agent, ct).ConfigureAwait(false);
        if (!allowed.Allowed)
        {
            await Console.Error.WriteLineAsync(allowed.Reason).ConfigureAwait(false);
            return ExitCodes.CheckFailed;
        }

        using var key = ServerKey.LoadOrCreate(GovernancePaths.Keys(c.Data.FullName));
        var signatures = new SignatureService(identity, c.Store, key, TimeProvider.System);
        var signed = await signatures.SignAsync(
            signIn.Session, userId, password, SignedReleaseApprovals.RecordType, SignedReleaseApprovals.RecordId(c.Agent, c.Version!),
            SignedReleaseApprovals.SignedBytes(manifest), meaning, ct).ConfigureAwait(false);
        if (signed.Signature is null)
        {
            await Console.Error.WriteLineAsync(signed.Message).ConfigureAwait(false);
            return ExitCodes.CheckFailed;
        }

        await GovernanceCli.CheckpointAsync(c.Store, c.Data, ct).ConfigureAwait(false);
        Write(c, new { agent = c.Agent, version = c.Version, manifest_sha256 = manifest, signature = signed.Signature.SignatureId, manifestation = signed.Message }, signed.Message);
        return ExitCodes.Ok;
    }

    private static Command Rollback()
    {
        var by = new Option<string>("--by") { Description = "Who rolls back", Required = true };
        var reason = new Option<string>("--reason") { Description = "Why", Required = true };
        var command = new Command("rollback", "Restore the previous champion exactly (same signed artefacts and configuration)") { CommonOptions.Data(), AgentOption(), JsonOption(), by, reason };
        command.SetAction((parse, ct) => RunAsync(parse, needsVersion: false, async c =>
        {
            var rollback = await c.Registry.RollbackAsync(c.Agent, parse.GetValue(by)!, parse.GetValue(reason)!, ct).ConfigureAwait(false);
            Write(c, rollback, $"{c.Agent}: {rollback.Reason}; the champion is {rollback.Version} again.");
            return ExitCodes.Ok;
        }, ct));
        return command;
    }

    private static async Task<int> SignAsync(Context c, CancellationToken ct)
    {
        var by = c.Parse.GetValue<string>("--by")!;
        var result = await c.Registry.SignAsync(c.Agent, c.Version!, by, ct).ConfigureAwait(false);
        Write(c, new { agent = c.Agent, version = c.Version, manifest_sha256 = result.ManifestSha256, key_id = c.Registry.Key.KeyId }, $"Signed {c.Agent}/{c.Version}: manifest {result.ManifestSha256}, key {c.Registry.Key.KeyId}.");
        return ExitCodes.Ok;
    }

    private static async Task<int> VerifyAsync(Context c, CancellationToken ct)
    {
        var result = (await c.Registry.VerifyAsync(c.Agent, c.Version!, ct).ConfigureAwait(false)).Verification;
        Write(c, new { agent = c.Agent, version = c.Version, passed = result.Passed, manifest_sha256 = result.ManifestSha256, problems = result.Problems }, result.Passed
            ? $"{c.Agent}/{c.Version} verifies: manifest {result.ManifestSha256}."
            : $"{c.Agent}/{c.Version} FAILS verification:\n  " + string.Join("\n  ", result.Problems));
        return result.Passed ? ExitCodes.Ok : ExitCodes.CheckFailed;
    }

    private static async Task<int> ShowAsync(Context c, CancellationToken ct)
    {
        var model = await c.Registry.GetAsync(c.Agent, c.Version!, ct).ConfigureAwait(false) ?? throw new KeyNotFoundException($"Model version '{c.Version}' of agent '{c.Agent}' is not registered.");
        var aliases = (await c.Registry.Store.GetModelAliasesAsync(c.Agent, ct).ConfigureAwait(false)).Where(a => a.Version == c.Version).Select(a => a.Alias).ToList();
        var shown = new { agent = c.Agent, version = model.Version, configuration = model.Configuration, lineage = model.Lineage, parent = model.Record.ParentVersion, registered_by = model.Record.RegisteredBy, registered_at = model.Record.RegisteredAt, manifest_sha256 = model.Record.ManifestSha256, signed_at = model.Record.SignedAt, aliases, folder = model.Folder };
        Write(c, shown, RegistryJson.Write(shown));
        return ExitCodes.Ok;
    }

    private static async Task<int> LineageAsync(Context c, CancellationToken ct)
    {
        var chain = await c.Registry.LineageAsync(c.Agent, c.Version!, ct).ConfigureAwait(false);
        if (chain.Count == 0)
        {
            throw new KeyNotFoundException($"Model version '{c.Version}' of agent '{c.Agent}' is not registered.");
        }

        var rows = chain.Select(m => new { version = m.Version, parent = m.Record.ParentVersion, dataset_id = m.Lineage.DatasetId, dataset_sha256 = m.Lineage.DatasetSha256, code_version = m.Lineage.CodeVersion, trigger = m.Lineage.Trigger, parameters = m.Lineage.Parameters, metrics = m.Lineage.Metrics, registered_by = m.Record.RegisteredBy, registered_at = m.Record.RegisteredAt }).ToList();
        Write(c, rows, string.Join('\n', rows.Select(r => $"{r.version} <- {r.parent ?? "(root)"}: dataset {r.dataset_id ?? "?"} ({r.dataset_sha256 ?? "?"}), code {r.code_version ?? "?"}, trigger {r.trigger ?? "manual"}, by {r.registered_by} at {r.registered_at:yyyy-MM-dd HH:mm}Z")));
        return ExitCodes.Ok;
    }

    private static async Task<int> CompareAsync(Context c, CancellationToken ct)
    {
        if (c.Parse.GetValue<bool>("--live"))
        {
            return await ModelLiveCompare.RunAsync(c.Registry, c.Agent, c.Version!, c.Json, ct).ConfigureAwait(false);
        }

        await c.Registry.RequireAsync(c.Agent, c.Version!, ct).ConfigureAwait(false);
        var evidence = await c.Registry.Store.GetModelEvidenceAsync(c.Agent, c.Version, ct).ConfigureAwait(false);
        var latestGate = evidence.LastOrDefault(e => e.Kind == GateReport.EvidenceKind);
        if (c.Json)
        {
            Console.WriteLine(RegistryJson.Write(evidence.Select(e => new { kind = e.Kind, against = e.AgainstVersion, passed = e.Passed, at = e.At, report = System.Text.Json.JsonDocument.Parse(e.Json).RootElement })));
        }
        else if (evidence.Count == 0)
        {
            Console.WriteLine($"{c.Agent}/{c.Version} has no evidence yet: no test gates run, no shadow comparison.");
        }
        else
        {
            foreach (var e in evidence)
            {
                AnsiConsole.Write(new Rule($"{e.Kind} against {e.AgainstVersion ?? "-"} at {e.At:yyyy-MM-dd HH:mm}Z: {(e.Passed ? "[green]passed[/]" : "[red]FAILED[/]")}") { Justification = Justify.Left });
                if (e.Kind == LiveShadowComparison.EvidenceKind)
                {
                    Console.WriteLine(string.Join('\n', LiveShadowComparison.FromJson(e.Json).Describe()));
                }
                else if (e.Kind == GateReport.EvidenceKind)
                {
                    var table = new Table().AddColumns("gate", "result", "detail");
                    foreach (var check in GateReport.FromJson(e.Json).Checks)
                    {
                        table.AddRow(Markup.Escape(check.Name), check.Passed ? "[green]pass[/]" : "[red]FAIL[/]", Markup.Escape(check.Detail));
                    }

                    AnsiConsole.Write(table);
                }
                else
                {
                    Console.WriteLine(e.Json);
                }
            }
        }

        return latestGate is { Passed: false } ? ExitCodes.CheckFailed : ExitCodes.Ok;
    }

    private static Task<int> RunAsync(ParseResult parse, bool needsVersion, Func<Context, Task<int>> action, CancellationToken ct) =>
        WithRegistryAsync(parse, (registry, store, json) => action(new Context(parse, registry, store, parse.GetValue<DirectoryInfo>("--data")!, parse.GetValue<string>("--agent")!, needsVersion ? parse.GetValue<string>("--version") : null, json)), ct);

    private static Task<int> WithRegistryAsync(ParseResult parse, Func<ModelRegistry, bool, Task<int>> action, CancellationToken ct) =>
        WithRegistryAsync(parse, (registry, _, json) => action(registry, json), ct);

    private static async Task<int> WithRegistryAsync(ParseResult parse, Func<ModelRegistry, SqliteRungStore, bool, Task<int>> action, CancellationToken ct)
    {
        var data = parse.GetValue<DirectoryInfo>("--data")!;
        var json = parse.GetValue<bool>("--json");
        try
        {
            await using var store = await SqliteRungStore.OpenAsync(CommonOptions.DatabasePath(data), TimeProvider.System, ct).ConfigureAwait(false);
            using var key = SigningKey.LoadOrCreate(Path.Combine(data.FullName, "keys"));
            return await action(new ModelRegistry(store, data.FullName, key, TimeProvider.System), store, json).ConfigureAwait(false);
        }
        catch (ReleaseRefusedException ex)
        {
            if (json)
            {
                Console.WriteLine(RegistryJson.Write(new { refused = true, reasons = ex.Reasons }));
            }

            Console.Error.WriteLine("Refused:\n  " + string.Join("\n  ", ex.Reasons));
            return ExitCodes.CheckFailed;
        }
        catch (Exception ex) when (ex is ArgumentException or KeyNotFoundException or InvalidDataException or InvalidOperationException or IOException)
        {
            Console.Error.WriteLine(ex.Message);
            return ExitCodes.BadInput;
        }
    }

    private static void Write(Context c, object value, string text) => Console.WriteLine(c.Json ? RegistryJson.Write(value) : text);

    private static Dictionary<string, T> Pairs<T>(string[]? values, string option, Func<string, T> parse)
    {
        var result = new Dictionary<string, T>(StringComparer.Ordinal);
        foreach (var pair in values ?? [])
        {
            var at = pair.IndexOf('=', StringComparison.Ordinal);
            if (at <= 0)
            {
                throw new ArgumentException($"{option} '{pair}' must be key=value.");
            }

            result[pair[..at]] = parse(pair[(at + 1)..]);
        }

        return result;
    }

    private static double Number(string text) => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v)
        ? v
        : throw new ArgumentException($"--metric value '{text}' is not a finite number.");
}
