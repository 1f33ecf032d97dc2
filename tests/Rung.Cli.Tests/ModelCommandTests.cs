using System.Text.Json;
using Rung.Models.Softmax;
using Rung.Testing;

namespace Rung.Cli.Tests;

/// <summary><c>rung model ...</c> as a CI pipeline runs it: real process, JSON output, exit codes.</summary>
public sealed class ModelCommandTests
{
    [Fact]
    public async Task Model_RegisterSignVerifyReleaseAndTamper_GivesPipelineExitCodes()
    {
        using var dir = new TempDirectory();
        var modelFile = dir.File("pilot.json");
        var trainer = new SoftmaxRegressionTrainer(new SoftmaxTrainingOptions(["x"]) { Epochs = 5 });
        using (var file = File.Create(modelFile))
        {
            trainer.Train([new Dictionary<string, double> { ["x"] = 0 }, new Dictionary<string, double> { ["x"] = 1 }], ["accept", "scrap"]).Save(file);
        }

        string[] common = ["--data", dir.Path, "--agent", "line3-quality"];
        var (code, stdout, stderr) = await RungProcess.RunAsync(["model", "register", .. common, "--kind", "in_process", "--entry", "pilot.json", "--artifact", modelFile, "--dataset-id", "ds-1", "--metric", "accuracy=0.93", "--by", "ml.engineer", "--json"]);
        Assert.True(code == 0, stderr);
        Assert.Equal("v1", JsonDocument.Parse(stdout).RootElement.GetProperty("version").GetString());

        (code, _, stderr) = await RungProcess.RunAsync(["model", "verify", .. common, "--version", "v1"]);
        Assert.Equal(1, code);
        (code, stdout, stderr) = await RungProcess.RunAsync(["model", "sign", .. common, "--version", "v1", "--by", "ml.engineer", "--json"]);
        Assert.True(code == 0, stderr);
        var manifest = JsonDocument.Parse(stdout).RootElement.GetProperty("manifest_sha256").GetString()!;
        (code, _, stderr) = await RungProcess.RunAsync(["model", "verify", .. common, "--version", "v1"]);
        Assert.True(code == 0, stderr);

        (code, _, stderr) = await RungProcess.RunAsync(["model", "release", .. common, "--version", "v1", "--by", "qa.lead"]);
        Assert.Equal(1, code);
        Assert.Contains("no Approved electronic signature", stderr, StringComparison.Ordinal);
        // The release signature is a real electronic signature: a stored user with a role that may release signs with
        // user id and password; a wrong password signs nothing, an Operator may not approve a release.
        var password = "Quality lead signs v1!";
        var variable = "RUNG_TEST_PASSWORD_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(variable, password);
        var wrong = "RUNG_TEST_PASSWORD_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(wrong, "not the password at all");
        (code, _, stderr) = await RungProcess.RunAsync(["user", "add", "qa.lead", "--name", "Q. A. Lead", "--roles", "Quality", "--zones", "*", "--password-env", variable, "--by", "admin", "--data", dir.Path]);
        Assert.True(code == 0, stderr);
        (code, _, stderr) = await RungProcess.RunAsync(["user", "add", "op", "--name", "O. Perator", "--roles", "Operator", "--zones", "*", "--password-env", variable, "--by", "admin", "--data", dir.Path]);
        Assert.True(code == 0, stderr);

        (code, _, stderr) = await RungProcess.RunAsync(["model", "approve", .. common, "--version", "v1", "--user", "qa.lead", "--password-env", wrong]);
        Assert.Equal(1, code);
        (code, _, stderr) = await RungProcess.RunAsync(["model", "approve", .. common, "--version", "v1", "--user", "op", "--password-env", variable]);
        Assert.Equal(1, code);
        (code, _, stderr) = await RungProcess.RunAsync(["model", "release", .. common, "--version", "v1", "--by", "qa.lead"]);
        Assert.Equal(1, code);

        (code, stdout, stderr) = await RungProcess.RunAsync(["model", "approve", .. common, "--version", "v1", "--user", "qa.lead", "--password-env", variable]);
        Assert.True(code == 0, stderr);
        Assert.Contains("Q. A. Lead", stdout, StringComparison.Ordinal);
        Assert.Contains("Approved", stdout, StringComparison.Ordinal);
        (code, stdout, stderr) = await RungProcess.RunAsync(["model", "release", .. common, "--version", "v1", "--by", "qa.lead"]);
        Assert.True(code == 0, stderr);
        Assert.Contains("signed by qa.lead", stdout, StringComparison.Ordinal);
        Assert.Contains("is the champion", stdout, StringComparison.Ordinal);

        (code, stdout, _) = await RungProcess.RunAsync(["model", "list", "--data", dir.Path, "--json"]);
        Assert.Equal(0, code);
        var listed = JsonDocument.Parse(stdout).RootElement[0];
        Assert.Equal("champion", listed.GetProperty("aliases")[0].GetString());

        (code, stdout, _) = await RungProcess.RunAsync(["model", "lineage", .. common, "--version", "v1"]);
        Assert.Equal(0, code);
        Assert.Contains("dataset ds-1", stdout, StringComparison.Ordinal);

        await File.AppendAllTextAsync(Path.Combine(dir.Path, "models", "line3-quality", "v1", "pilot.json"), " ");
        (code, stdout, _) = await RungProcess.RunAsync(["model", "verify", .. common, "--version", "v1", "--json"]);
        Assert.Equal(1, code);
        Assert.Contains("pilot.json: changed", JsonDocument.Parse(stdout).RootElement.GetProperty("problems")[0].GetString(), StringComparison.Ordinal);

        (code, _, stderr) = await RungProcess.RunAsync(["model", "rollback", .. common, "--by", "qa.lead", "--reason", "test"]);
        Assert.Equal(1, code);
        Assert.Contains("first champion", stderr, StringComparison.Ordinal);

        (code, _, stderr) = await RungProcess.RunAsync(["model", "register", .. common, "--kind", "onnx", "--entry", "x", "--by", "me"]);
        Assert.Equal(2, code);
        Assert.Contains("--kind 'onnx'", stderr, StringComparison.Ordinal);
        (code, _, stderr) = await RungProcess.RunAsync(["model", "show", .. common, "--version", "v9"]);
        Assert.Equal(2, code);
        Assert.Contains("'v9'", stderr, StringComparison.Ordinal);
    }
}
