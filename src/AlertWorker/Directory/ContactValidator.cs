using System.Net.Mail;
using PhoneNumbers;

namespace AlertWorker.Directory;

/// <summary>Checks the contact fields of people.csv: phones in E.164, email addresses, languages.</summary>
public static class ContactValidator
{
    public const string DefaultLanguage = "zh-CN";

    private static readonly string[] Languages = [DefaultLanguage, "en"];

    /// <summary>Null when <paramref name="phone"/> is a valid number written in E.164 (<c>+8613800000000</c>); else why not.</summary>
    public static string? PhoneProblem(string phone)
    {
        var util = PhoneNumberUtil.GetInstance();
        PhoneNumber number;
        try
        {
            number = util.Parse(phone, null);
        }
        catch (NumberParseException)
        {
            return $"phone '{phone}' is not a valid E.164 number";
        }
        if (!util.IsValidNumber(number))
            return $"phone '{phone}' is not a valid E.164 number";
        var e164 = util.Format(number, PhoneNumberFormat.E164);
        return e164 == phone ? null : $"phone '{phone}' is not in E.164 form (write {e164})";
    }

    /// <summary>Null when <paramref name="email"/> is a plain address (<c>name@host.domain</c>, no display name); else why not.</summary>
    public static string? EmailProblem(string email)
    {
        var plain = MailAddress.TryCreate(email, out var address)
            && address.Address == email
            && string.IsNullOrEmpty(address.DisplayName)
            && address.Host.Contains('.')
            && !address.Host.StartsWith('.') && !address.Host.EndsWith('.')
            && !email.Any(char.IsWhiteSpace);
        return plain ? null : $"email '{email}' is not a valid email address";
    }

    /// <summary>The language in its canonical spelling (empty = zh-CN), or null when it is not supported.</summary>
    public static string? NormalizeLanguage(string language) =>
        language.Length == 0
            ? DefaultLanguage
            : Languages.FirstOrDefault(l => string.Equals(l, language, StringComparison.OrdinalIgnoreCase));

    public static string SupportedLanguages => string.Join(" or ", Languages);
}
