using AlertWorker.Tests.Web.Board;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AlertWorker.Tests.Web.Duty;

/// <summary>A duty officer's action in a real browser: from the board to the phone-warning form and back.</summary>
[Collection(BrowserCollection.Name)]
public class DutyBrowserTests(BrowserFixture browser)
{
    [BrowserFact]
    public async Task DutyOfficer_EntersAPhoneWarning_SeesItOnTheBoardWithItsRecipientsPending()
    {
        await using var s = await BoardScenario.StartAsync();
        var page = await browser.LogInAsync(s.BaseAddress, "duty", "qinglan-duty");

        await page.GetByRole(AriaRole.Link, new() { Name = "录入电话/传真预警" }).ClickAsync();
        await page.Locator("label.lvl-orange").ClickAsync();
        await page.FillAsync("input[name=event]", "暴雨");
        await page.FillAsync("input[name=headline]", "县气象台电话通报：金鸡乡暴雨橙色预警");
        await page.FillAsync("textarea[name=instruction]", "请立即组织巡查，必要时转移受威胁群众。");
        await page.Locator($"input[name=regions][value=\"{DutyScenario.Jinji}\"]").CheckAsync();
        await page.FillAsync("input[name=origin]", "县气象台 电话 张三");
        await page.GetByRole(AriaRole.Button, new() { Name = "录入并发布" }).ClickAsync();

        await Expect(page.Locator("h1")).ToHaveAttributeAsync("data-action", "notify");
        var told = await page.Locator("table.recipients tbody tr").CountAsync();
        Assert.True(told > 5, $"only {told} recipients");
        await s.DispatchAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "返回值班看板" }).ClickAsync();

        var card = page.Locator("article.warning", new() { HasText = "县气象台电话通报：金鸡乡暴雨橙色预警" });
        await Expect(card).ToHaveAttributeAsync("data-level", "orange");
        await Expect(card.Locator(".wmeta")).ToContainTextAsync("值班员 duty 人工录入");
        await Expect(card.Locator(".wmeta")).ToContainTextAsync("县气象台 电话 张三");
        await Expect(card.Locator("tr[data-phase=pending]")).ToHaveCountAsync(told);
        await Expect(card.Locator("tr[data-person=P-026] td.state")).ToContainTextAsync("未确认 0 分钟");
        await Expect(card.Locator("form.cancel button")).ToBeVisibleAsync();
    }
}
