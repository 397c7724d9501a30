namespace AlertWorker.Acknowledgement;

/// <summary>Makes the signed, expiring link of an email's answer page, bound to one notification.</summary>
public interface IAnswerLinkIssuer
{
    string LinkFor(long notificationId, DateTimeOffset expires);
}
