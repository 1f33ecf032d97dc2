using System.CommandLine;
using System.Globalization;
using System.Text;
using Rung.Governance;
using Rung.Governance.Audit;
using Rung.Storage.Audit;

namespace Rung.Cli.Commands;

/// <summary><c>rung audit</c>: verify the hash chain and its signed checkpoints; export the trail and signatures.</summary>
internal static class AuditCommands
{
    public static Command Create()
    {
        var command = new Command("audit", "Verify and export the tamper-evident audit trail");
        command.Subcommands.Add(Verify());
        command.Subcommands.Add(Export());
        return command;
    }

    private static Command Verify()
    {
        var data = CommonOptions.Data();
        var command = new Command("verify", "Recompute the whole chain and check the signed checkpoints; names the first entry changed, inserted, reordered or missing (exit 1 when broken)") { data };
        command.SetAction((parse, ct) => GovernanceCli.RunAsync(async () =>
        {
            var folder = parse.GetValue(data)!;
            await using var store = await CommonOptions.OpenExistingAsync(folder, ct).ConfigureAwait(false);
            if (store is null)
            {
                return ExitCodes.BadInput;
            }

            var result = await VerifyAsync(store, folder, ct).ConfigureAwait(false);
            Console.WriteLine(result.Summary);
            foreach (var problem in result.Problems)
            {
                Console.WriteLine($"  {problem.Kind} at {problem.Sequence}: {problem.Message}");
            }

            return result.IsValid ? ExitCodes.Ok : ExitCodes.CheckFailed;
        }));
        return command;
    }

    private static Command Export()
    {
        var data = CommonOptions.Data();
        var format = new Option<string>("--format") { Description = "csv or json", DefaultValueFactory = _ => "json" };
        format.AcceptOnlyFromAmong("csv", "json");
        var output = new Option<FileInfo>("--out") { Description = "The file to write", Required = true };
        var record = new Option<string?>("--record") { Description = "Only entries about this record: TYPE or TYPE/ID (e.g. stage/line3-chatter)" };
        var person = new Option<string?>("--person") { Description = "Only entries by this user id" };
        var from = new Option<string?>("--from") { Description = "Only entries at or after this UTC time (ISO 8601)" };
        var to = new Option<string?>("--to") { Description = "Only entries before this UTC time (ISO 8601)" };
        var command = new Command("export", "Export audit entries and signatures with the verification result of the whole trail") { data, format, output, record, person, from, to };
        command.SetAction((parse, ct) => GovernanceCli.RunAsync(async () =>
        {
            var folder = parse.GetValue(data)!;
            var recordText = parse.GetValue(record);
            var slash = recordText?.IndexOf('/', StringComparison.Ordinal) ?? -1;
            var query = new AuditQuery(
                RecordType: slash < 0 ? recordText : recordText![..slash],
                RecordId: slash < 0 ? null : recordText![(slash + 1)..],
                Actor: parse.GetValue(person),
                From: ParseTime(parse.GetValue(from), "--from"),
                To: ParseTime(parse.GetValue(to), "--to"));
            await using var store = await CommonOptions.OpenExistingAsync(folder, ct).ConfigureAwait(false);
            if (store is null)
            {
                return ExitCodes.BadInput;
            }

            var verification = await VerifyAsync(store, folder, ct).ConfigureAwait(false);
            var entries = await store.GetAuditEntriesAsync(query, ct).ConfigureAwait(false);
            var signatures = (await store.GetSignaturesAsync(query.RecordType, query.RecordId, ct).ConfigureAwait(false))
                .Where(s => (query.Actor is null || s.UserId == query.Actor) && (query.From is null || s.At >= query.From) && (query.To is null || s.At < query.To))
                .ToList();
            var file = parse.GetValue(output)!;
            await using (var stream = new FileStream(file.FullName, FileMode.Create, FileAccess.Write))
            {
                if (parse.GetValue(format) == "csv")
                {
                    await using var writer = new StreamWriter(stream, new UTF8Encoding(false));
                    await AuditExporter.WriteCsvAsync(writer, verification, entries, signatures, ct).ConfigureAwait(false);
                }
                else
                {
                    await AuditExporter.WriteJsonAsync(stream, verification, query, entries, signatures, ct).ConfigureAwait(false);
                }
            }

            Console.WriteLine($"{entries.Count} audit entries and {signatures.Count} signatures written to {file.FullName}. {verification.Summary}");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static async Task<AuditVerification> VerifyAsync(Rung.Storage.Sqlite.SqliteRungStore store, DirectoryInfo folder, CancellationToken ct)
    {
        using var key = ServerKey.LoadForVerification(GovernancePaths.Keys(folder.FullName));
        return await AuditVerifier.VerifyAsync(store, key, GovernancePaths.CheckpointFile(folder.FullName), ct).ConfigureAwait(false);
    }

    private static DateTimeOffset? ParseTime(string? text, string option)
    {
        if (text is null)
        {
            return null;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value)
            ? value
            : throw new ArgumentException($"{option}: '{text}' is not a time; use ISO 8601 such as 2026-01-05T08:00:00Z.");
    }
}
