namespace AlertWorker.Web.Webhooks;

/// <summary>What the Twilio channels say to a person, in the person's language (<c>zh-CN</c> or <c>en</c>).</summary>
public sealed record TwilioReplies(
    string SayLanguage,
    string PressOne,
    string NoKeyPressed,
    string VoiceThanks,
    string SmsThanks,
    string SmsHelp)
{
    public static readonly TwilioReplies Chinese = new(
        SayLanguage: "zh-CN",
        PressOne: "请按1确认收到。",
        NoKeyPressed: "没有收到您的按键，我们会再联系您。",
        VoiceThanks: "已确认收到，谢谢。",
        SmsThanks: "已确认收到，谢谢。",
        SmsHelp: "回复“收到”或“1”确认预警；只确认一条时在后面加上短信里的短码，如“收到 A7K2”。");

    public static readonly TwilioReplies English = new(
        SayLanguage: "en-US",
        PressOne: "Press 1 to confirm you received this warning.",
        NoKeyPressed: "No key was pressed. We will contact you again.",
        VoiceThanks: "Your confirmation was received. Thank you.",
        SmsThanks: "Your confirmation was received. Thank you.",
        SmsHelp: "Reply 1 or OK to confirm the warning; to confirm one message only, add its short code, e.g. \"OK A7K2\".");

    /// <summary>English for <c>en</c> and its regional forms; Chinese otherwise (the directory's default).</summary>
    public static TwilioReplies For(string? language) =>
        language is not null && (language.Equals("en", StringComparison.OrdinalIgnoreCase) || language.StartsWith("en-", StringComparison.OrdinalIgnoreCase))
            ? English
            : Chinese;
}
