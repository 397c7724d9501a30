using System.Collections.Specialized;
using System.Text;
using System.Web;
using AlertWorker.Configuration;
using AlertWorker.Dispatch;
using AlertWorker.Dispatch.Channels;
using AlertWorker.Domain.Policy;
using Microsoft.Extensions.Options;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace AlertWorker.Tests.Dispatch.Channels;

/// <summary>WireMock in the place of api.twilio.com: answers as the real API does and keeps every request it got.</summary>
internal sealed class TwilioStandIn : IDisposable
{
    public const string AccountSid = "AC0123456789abcdef0123456789abcdef";
    public const string AuthToken = "stand-in-auth-token";
    public const string FromNumber = "+15005550006";
    public const string PublicBaseUrl = "https://alerts.example.org";

    public static readonly string MessagesPath = $"/2010-04-01/Accounts/{AccountSid}/Messages.json";
    public static readonly string CallsPath = $"/2010-04-01/Accounts/{AccountSid}/Calls.json";

    public WireMockServer Server { get; } = WireMockServer.Start();

    public TwilioOptions Options(TimeSpan? requestTimeout = null) => new()
    {
        AccountSid = AccountSid,
        AuthToken = AuthToken,
        FromNumber = FromNumber,
        ApiBaseUrl = Server.Url!,
        RequestTimeout = requestTimeout ?? TimeSpan.FromSeconds(30),
    };

    public TwilioApi Api(TimeProvider? clock = null, TimeSpan? requestTimeout = null, string? apiBaseUrl = null)
    {
        var options = Options(requestTimeout);
        options.ApiBaseUrl = apiBaseUrl ?? options.ApiBaseUrl;
        return new TwilioApi(Microsoft.Extensions.Options.Options.Create(options), clock ?? TimeProvider.System);
    }

    public static IOptions<AlertWorkerOptions> Worker { get; } =
        Microsoft.Extensions.Options.Options.Create(new AlertWorkerOptions { PublicBaseUrl = PublicBaseUrl });

    public void Answer(string path, int status, string json, params (string Name, string Value)[] headers)
    {
        var response = Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json").WithBody(json);
        foreach (var (name, value) in headers) response = response.WithHeader(name, value);
        Server.Given(Request.Create().WithPath(path).UsingPost()).RespondWith(response);
    }

    /// <summary>Takes every message and call as Twilio does: 201 with a new SID (<c>SM…</c>, <c>CA…</c>) each time.</summary>
    public void AcceptAll()
    {
        Server.Given(Request.Create().WithPath(MessagesPath).UsingPost())
            .RespondWith(Response.Create().WithCallback(_ => Created(CreatedMessage(NewSid("SM")))));
        Server.Given(Request.Create().WithPath(CallsPath).UsingPost())
            .RespondWith(Response.Create().WithCallback(_ => Created(CreatedCall(NewSid("CA")))));
    }

    /// <summary>A request as the stand-in got it: its path, the Basic credentials and the form fields.</summary>
    public sealed record Received(string Path, string Credentials, NameValueCollection Form);

    /// <summary>The one request the stand-in got.</summary>
    public (string Path, string Credentials, NameValueCollection Form) SingleRequest()
    {
        var request = Read(Assert.Single(Server.LogEntries).RequestMessage!);
        return (request.Path, request.Credentials, request.Form);
    }

    /// <summary>Every request so far, oldest first.</summary>
    public IReadOnlyList<Received> Requests() =>
        Server.LogEntries.OrderBy(e => e.RequestMessage!.DateTime).Select(e => Read(e.RequestMessage!)).ToList();

    private static Received Read(WireMock.IRequestMessage request)
    {
        var authorization = request.Headers!["Authorization"].Single();
        Assert.StartsWith("Basic ", authorization, StringComparison.Ordinal);
        var credentials = Encoding.UTF8.GetString(Convert.FromBase64String(authorization["Basic ".Length..]));
        return new Received(request.Path, credentials, HttpUtility.ParseQueryString(request.Body!));
    }

    private int _sids;

    private string NewSid(string prefix) => prefix + Interlocked.Increment(ref _sids).ToString("x32", System.Globalization.CultureInfo.InvariantCulture);

    private static WireMock.ResponseMessage Created(string json)
    {
        var response = new WireMock.ResponseMessage
        {
            StatusCode = 201,
            BodyData = new WireMock.Util.BodyData { BodyAsString = json, DetectedBodyType = WireMock.Types.BodyType.String, Encoding = Encoding.UTF8 },
        };
        response.AddHeader("Content-Type", "application/json");
        return response;
    }

    public static OutgoingMessage Message(Channel channel, string text = "【橙色预警】青岚县气象台发布暴雨橙色预警。回复“收到”确认 A7K2", string language = "zh-CN") => new()
    {
        DeliveryId = 7,
        NotificationId = 42,
        PersonId = "P-042",
        Channel = channel,
        To = "+8613800000042",
        Language = language,
        Subject = "暴雨橙色预警",
        Text = text,
        ShortCode = "A7K2",
    };

    /// <summary>The body of Twilio's 201 for a new message (as documented for Messages.json).</summary>
    public static string CreatedMessage(string sid) =>
        $$"""
        {"account_sid":"{{AccountSid}}","api_version":"2010-04-01","body":"...","date_created":"Thu, 24 Aug 2023 05:01:45 +0000",
         "date_sent":null,"date_updated":"Thu, 24 Aug 2023 05:01:45 +0000","direction":"outbound-api","error_code":null,
         "error_message":null,"from":"{{FromNumber}}","messaging_service_sid":null,"num_media":"0","num_segments":"1",
         "price":null,"price_unit":"USD","sid":"{{sid}}","status":"queued",
         "subresource_uris":{"media":"/2010-04-01/Accounts/{{AccountSid}}/Messages/{{sid}}/Media.json"},
         "to":"+8613800000042","uri":"/2010-04-01/Accounts/{{AccountSid}}/Messages/{{sid}}.json"}
        """;

    /// <summary>The body of Twilio's 201 for a new call (as documented for Calls.json).</summary>
    public static string CreatedCall(string sid) =>
        $$"""
        {"account_sid":"{{AccountSid}}","annotation":null,"answered_by":null,"api_version":"2010-04-01","caller_name":null,
         "date_created":"Tue, 31 Aug 2010 20:36:28 +0000","date_updated":"Tue, 31 Aug 2010 20:36:44 +0000","direction":"outbound-api",
         "duration":"0","end_time":null,"forwarded_from":null,"from":"{{FromNumber}}","from_formatted":"(500) 555-0006",
         "group_sid":null,"parent_call_sid":null,"phone_number_sid":"PNe2d8e63b37f46f2adb16f228afdb9058","price":null,
         "price_unit":"USD","sid":"{{sid}}","start_time":null,"status":"queued","subresource_uris":{},
         "to":"+8613800000042","to_formatted":"+8613800000042","trunk_sid":null,"uri":"/2010-04-01/Accounts/{{AccountSid}}/Calls/{{sid}}.json","queue_time":"0"}
        """;

    /// <summary>Twilio's error body.</summary>
    public static string Error(int code, int status, string message) =>
        $$"""{"code":{{code}},"message":"{{message}}","more_info":"https://www.twilio.com/docs/errors/{{code}}","status":{{status}}}""";

    public void Dispose() => Server.Stop();
}
