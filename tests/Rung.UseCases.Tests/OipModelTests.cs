using Rung.Core.UseCases;
using Rung.Testing;

namespace Rung.UseCases.Tests;

/// <summary>The <c>model</c> section of kind oip: a model on an Open Inference Protocol server.</summary>
public sealed class OipModelTests
{
    private const string ProcessModel = """  model: { kind: process, version: "1", command: python3 }""";

    [Fact]
    public void Load_OipModel_ReadsEverySetting()
    {
        var yaml = WithModel("""
              model:
                kind: oip
                version: scrap-2026.11
                url: http://models.plant.local:8000
                name: scrap
                model_version: "3"
                timeout: 250ms
                retries: 1
                input: features
                datatype: FP64
                output: probabilities
                classes: [scrap, accept]
                max_batch: 32
            """);

        var model = UseCaseLoader.Load(yaml, "test.yaml").Definition.Agent.Model;

        Assert.Equal(ModelKind.Oip, model.Kind);
        Assert.Equal("scrap-2026.11", model.Version);
        Assert.Equal(TimeSpan.FromMilliseconds(250), model.Timeout);
        var oip = model.Oip!;
        Assert.Equal("http://models.plant.local:8000", oip.Url);
        Assert.Equal("scrap", oip.Name);
        Assert.Equal("3", oip.ModelVersion);
        Assert.Equal(1, oip.Retries);
        Assert.Equal("features", oip.InputTensor);
        Assert.Equal("FP64", oip.Datatype);
        Assert.Equal("probabilities", oip.ProbabilitiesOutput);
        Assert.Equal(["scrap", "accept"], oip.Classes!);
        Assert.Equal(32, oip.MaxBatch);
    }

    [Fact]
    public void Load_OipModelWithoutUrlAndName_ReportsBothAtTheModel()
    {
        var errors = Expect.Errors(WithModel("""  model: { kind: oip, version: "1" }"""));

        Expect.Has(errors, 15, 10, "agent.model: missing required key 'url'");
        Expect.Has(errors, 15, 10, "agent.model: missing required key 'name'");
    }

    [Fact]
    public void Load_OipModelWithBadUrl_IsPositioned()
    {
        Expect.OnlyError(
            WithModel("""  model: { kind: oip, version: "1", url: "models:8000", name: scrap }"""),
            15, 42,
            "agent.model.url: 'models:8000' is not an http:// or https:// URL");
    }

    [Fact]
    public void Load_OipModelWithProcessKeys_NamesTheKeyThatDoesNotApply()
    {
        Expect.OnlyError(
            WithModel("""  model: { kind: oip, version: "1", url: "http://m:8000", name: scrap, command: python3 }"""),
            15, 81,
            "agent.model.command: 'command' does not apply to a model of kind oip");
    }

    [Fact]
    public void Load_ProcessModelWithOipKeys_NamesTheKey()
    {
        Expect.OnlyError(
            WithModel("""  model: { kind: process, version: "1", command: python3, url: "http://m:8000" }"""),
            15, 64,
            "agent.model.url: 'url' does not apply to a model of kind process");
    }

    [Fact]
    public void Load_OipLabelWithoutScore_AndBadDatatype_AreBothReported()
    {
        var errors = Expect.Errors(WithModel("""  model: { kind: oip, version: "1", url: "http://m:8000", name: scrap, label_output: label, datatype: INT8 }"""));

        Expect.Has(errors, 15, 86, "label_output and score_output go together");
        Expect.Has(errors, 15, 103, "'INT8' is not an input datatype Rung sends; expected FP32 or FP64");
    }

    [Fact]
    public void Load_OipOneClass_IsRefused()
    {
        Expect.OnlyError(
            WithModel("""  model: { kind: oip, version: "1", url: "http://m:8000", name: scrap, classes: [scrap] }"""),
            15, 81,
            "list at least two classes");
    }

    private static string WithModel(string model)
    {
        Assert.Contains(ProcessModel, MinimalUseCase.Text, StringComparison.Ordinal);
        return MinimalUseCase.Text.Replace(ProcessModel, model.TrimEnd('\n'), StringComparison.Ordinal);
    }
}
