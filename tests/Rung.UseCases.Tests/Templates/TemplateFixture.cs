using Rung.Testing;
using Rung.UseCases.Templates;

namespace Rung.UseCases.Tests.Templates;

/// <summary>The demo's use case with a namespace contract, exported to a template in a temporary folder.</summary>
internal sealed class TemplateFixture : IDisposable
{
    public const string Mapping = """
        values:
          owner: line5.lead
          backup_owner: koeln.duty
          governance_reviewer: qa.koeln
          calendar.time_zone: Europe/Berlin
          calendar.working_days: [Mon, Tue, Wed, Thu, Fri, Sat]
          calendar.hours: "05:00-23:00"
          calendar.holidays: [2026-12-24, 2026-12-25]
          cost.value_per_case: 0.5
          cost.decisions_per_day: 300
          cost.compute.monthly: 150
          cost.hourly_rate: 60
        units:
          spindle_temp: degF
          feed_rate: in/min
        rename:
          - { from: "/cell2", to: "/cell1" }
          - { from: "spindle/temperature", to: "spindle/bearing_temp" }
          - { pattern: "axis/feed_rate$", replace: "axis/feed" }
        """;

    private readonly TempDirectory _folder = new();

    public TemplateFixture()
    {
        var source = File.ReadAllText(Path.Combine(RepoPaths.Root, "src", "Rung.Cli", "Demo", "demo-usecase.yaml"));
        File.WriteAllText(_folder.File("usecase.yaml"), WithContract(source));
        File.WriteAllText(_folder.File("pilot-model.json"), "{\"model\": 1}");
        File.WriteAllText(_folder.File("pilot-model.profile.json"), "{\"profile\": 1}");
        Directory.CreateDirectory(_folder.File("out"));
        TemplatePath = _folder.File("out/line3-surface-quality.template.yaml");
        Template = UseCaseTemplateExporter.ExportFile(_folder.File("usecase.yaml"), TemplatePath);
    }

    public string TemplatePath { get; }

    public UseCaseTemplate Template { get; }

    public string Folder => _folder.Path;

    public string TemplateText => File.ReadAllText(TemplatePath);

    public static TagMapping LoadMapping(string text = Mapping) => TagMappingLoader.Load(text, "mapping.yaml");

    public void Dispose() => _folder.Dispose();

    private static string WithContract(string yaml)
    {
        const string Contract = """
              contract:
                tags:
                  - { feature: spindle_speed, tag: "acme/dortmund/machining/line3/cell2/spindle/speed", max_age: 1h }
                  - { feature: feed_rate, tag: "acme/dortmund/machining/line3/cell2/axis/feed_rate", max_age: 1h }
                  - feature: spindle_temp
                    tag: "acme/dortmund/machining/line3/cell2/spindle/temperature"
                    max_age: 1h
                  - { feature: vibration_rms, tag: "acme/dortmund/machining/line3/cell2/spindle/vibration_rms", unit: mm/s }
                  - { feature: spindle_torque, tag: "acme/dortmund/machining/line3/cell2/spindle/torque" }
                  - { feature: tool_wear, tag: "acme/dortmund/machining/line3/cell2/tool/usage_minutes" }
                  - { feature: ambient_temp, tag: "acme/dortmund/machining/line3/environment/temperature" }
                trigger: { tag: "acme/dortmund/machining/line3/cell2/part_done", key: part_id }

            """;
        var at = yaml.IndexOf("\ngates:", StringComparison.Ordinal);
        return yaml[..(at + 1)] + Contract + yaml[(at + 1)..];
    }
}
