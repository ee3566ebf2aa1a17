namespace ConsulAlerts.Notifications.Templates;

/// <summary>
/// A value whose members templates can read by name, for types beyond the data model that <see cref="TemplateModel"/>
/// knows (<see cref="TemplateData"/>, <see cref="Message"/>, their maps and lists). Templates read members through these
/// written getters rather than reflection, so they work the same in the native build.
/// </summary>
internal interface ITemplateObject
{
    /// <summary>The members of this value's type; one shared table per type.</summary>
    TemplateMembers TemplateMembers { get; }
}
