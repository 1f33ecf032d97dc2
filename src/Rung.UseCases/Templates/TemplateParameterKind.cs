namespace Rung.UseCases.Templates;

/// <summary>What a template parameter stands for: the site-specific parts of a use case.</summary>
public enum TemplateParameterKind
{
    /// <summary>The new site or line name (<c>site</c>, <c>line</c>): given on the command line.</summary>
    Scope,

    /// <summary>An id of the new instance (use case, agent); by default derived from the site and line.</summary>
    Identity,

    /// <summary>A namespace tag that feeds one model input; carries the unit the model expects.</summary>
    Tag,

    /// <summary>The unit a site's tag publishes in; by default the unit the model expects.</summary>
    Unit,

    /// <summary>A namespace topic that is not an input: the trigger, outcomes, IT context.</summary>
    Topic,

    /// <summary>A named person or role: the owner, the backup owner, the governance reviewer.</summary>
    Owner,

    /// <summary>A part of the site calendar: time zone, working days, hours, holidays.</summary>
    Calendar,

    /// <summary>A business figure of the site: value per case, volume, cost lines, labour rate.</summary>
    Cost,

    /// <summary>The template's champion model file or profile: filled in by Rung from the template's folder.</summary>
    Model,
}
