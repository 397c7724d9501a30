namespace AlertWorker.Domain.Warnings;

/// <summary>
/// One warning (CAP alert, index entry, GeoJSON feature) breaks a rule of its format. Thrown only
/// inside the parsers and caught where the warning is parsed, where it becomes a
/// <see cref="Rejection"/> naming that warning; it never escapes <see cref="DocumentParser"/>.
/// The message is the one-line reason.
/// </summary>
internal sealed class WarningFormatException(string message) : Exception(message);
