using System.Globalization;
using System.Text.Json;

namespace AlertWorker.Tests.Replay;

/// <summary>
/// <c>replay</c> (SPEC §2, §2.1, §5, §6) on every real fixture that EXPECTED.md accepts and whose
/// warning has an area: a small directory is laid out around the document (points inside and
/// outside its polygons and circles, one of its geocodes made a region; see
/// <see cref="ReplayConfigFolder"/>), and the whole JSON output is compared with a hand-derived one.
/// </summary>
/// <remarks>
/// Positions were computed from each document's coordinates: the vertex average of a polygon
/// (checked inside with a ray-casting test), a circle's centre or a point due north at a known
/// distance (1° of latitude = 111.195 km on the 6371.0088 km sphere), and an "outside" point
/// beyond the bounding box of every shape. In every row P-02 (monitor of the outside point HP-4),
/// P-06 (township duty of the untouched township T2) and P-11 (shift ended at "now", exclusive) are
/// never told. Channels: red and orange [voice, sms] give a phone+email person sms+voice and the
/// email-only P-04 a fallback to email; yellow [sms, email] gives each what they have; blue [email]
/// gives the phone-only P-03 a fallback to sms+voice.
/// </remarks>
public class ReplayFixtureTests
{
    private sealed record FixtureCase(string At, FixtureLayout Layout, string Warning);

    private static readonly Dictionary<string, FixtureCase> Cases = new()
    {
        // Severity Unknown and no colour: level none, which the policy does not list. The policy
        // check comes before matching, so nobody is told although AU-NSW is a region here.
        ["cap/au-bureau-met-prefixed-ns.cap"] = new("2019-01-16T04:00:00Z",
            FixtureLayout.GeocodeOnly("AU-NSW"), """
            { "key": "CAP.Message@bom.gov.au|AusBoM-IDN21033-2019-01-16T03:15:58+00:00",
              "sender": "CAP.Message@bom.gov.au", "identifier": "AusBoM-IDN21033-2019-01-16T03:15:58+00:00",
              "msgType": "Alert", "status": "Actual", "event": "Thunderstorm", "severity": "Unknown",
              "level": "none", "action": "ignored", "reason": "below-policy",
              "hazardPoints": [], "recipients": [], "released": [] }
            """),

        // Two info blocks with the same 25 km circle centred at -35.3888,147.0598; Minor = blue.
        // HP-1 is 10 km north of the centre, HP-2 24.5 km north (inside), HP-4 26 km north (outside).
        ["cap/au-nsw-rfs-bushfire-circle.cap"] = new("2011-10-06T00:00:00+10:00",
            new(new(-35.298868, 147.0598), new(-35.168467, 147.0598), new(-35.154977, 147.0598), null), """
            { "key": "webmaster@rfs.nsw.gov.au|tag:www.rfs.nsw.gov.au2011-10-06:40184",
              "sender": "webmaster@rfs.nsw.gov.au", "identifier": "tag:www.rfs.nsw.gov.au2011-10-06:40184",
              "msgType": "Alert", "status": "Actual", "event": "Fire", "severity": "Minor",
              "level": "blue", "action": "notify", "reason": null,
              "hazardPoints": ["HP-1", "HP-2"],
              "recipients": [
                // prevention-lead and monitor of HP-1 (10 km from the centre): one notice, both roles
                { "personId": "P-01", "roles": ["monitor", "prevention-lead"], "channels": ["email"], "hazardPoints": ["HP-1"], "exercise": false, "fallback": false },
                // technical lead of HP-1 and HP-2 (24.5 km); phone only, blue is email only: fallback
                { "personId": "P-03", "roles": ["technical-lead"], "channels": ["sms", "voice"], "hazardPoints": ["HP-1", "HP-2"], "exercise": false, "fallback": true },
                // monitor of HP-2, inside the 25 km radius
                { "personId": "P-04", "roles": ["monitor"], "channels": ["email"], "hazardPoints": ["HP-2"], "exercise": false, "fallback": false },
                // township duty of T1, the region of both affected points
                { "personId": "P-05", "roles": ["township-duty"], "channels": ["email"], "hazardPoints": ["HP-1", "HP-2"], "exercise": false, "fallback": false },
                // county duty of C, the ancestor of T1
                { "personId": "P-07", "roles": ["county-duty"], "channels": ["email"], "hazardPoints": ["HP-1", "HP-2"], "exercise": false, "fallback": false },
                // on shift at "now"; duty roles add no points
                { "personId": "P-09", "roles": ["duty-officer"], "channels": ["email"], "hazardPoints": [], "exercise": false, "fallback": false },
                // shift starts exactly at "now" (inclusive)
                { "personId": "P-10", "roles": ["duty-leader"], "channels": ["email"], "hazardPoints": [], "exercise": false, "fallback": false }
              ],
              "released": [] }
            """),

        // An Update whose references are unknown: a new warning (notify). Minor = blue. HP-1 at the
        // vertex average of the Windsor polygon, HP-2 of the Chatham-Kent polygon, HP-3 in the
        // CAP-CP location 3537001 (named in the Windsor area).
        ["cap/ec-canada-update-en-fr-polygons.cap"] = new("2012-05-02T23:30:00Z",
            new(new(42.1345, -82.7277), new(42.493, -82.1099), new(43.0, -82.7277), "3537001"), """
            { "key": "cap@ec.gc.ca|2.49.0.1.124.6bddbc91.2012",
              "sender": "cap@ec.gc.ca", "identifier": "2.49.0.1.124.6bddbc91.2012",
              "msgType": "Update", "status": "Actual", "event": "thunderstorm", "severity": "Minor",
              "level": "blue", "action": "notify", "reason": null,
              "hazardPoints": ["HP-1", "HP-2", "HP-3"],
              "recipients": [
                // HP-1 in the Windsor polygon
                { "personId": "P-01", "roles": ["monitor", "prevention-lead"], "channels": ["email"], "hazardPoints": ["HP-1"], "exercise": false, "fallback": false },
                // technical lead of all three affected points (not of HP-4); phone only: fallback
                { "personId": "P-03", "roles": ["technical-lead"], "channels": ["sms", "voice"], "hazardPoints": ["HP-1", "HP-2", "HP-3"], "exercise": false, "fallback": true },
                // monitor of HP-2 (Chatham-Kent polygon) and HP-3 (geocode region)
                { "personId": "P-04", "roles": ["monitor"], "channels": ["email"], "hazardPoints": ["HP-2", "HP-3"], "exercise": false, "fallback": false },
                // township duty of T1: the points of T1 only
                { "personId": "P-05", "roles": ["township-duty"], "channels": ["email"], "hazardPoints": ["HP-1", "HP-2"], "exercise": false, "fallback": false },
                // county duty: every affected point
                { "personId": "P-07", "roles": ["county-duty"], "channels": ["email"], "hazardPoints": ["HP-1", "HP-2", "HP-3"], "exercise": false, "fallback": false },
                // township duty of the named region 3537001: the point of its subtree
                { "personId": "P-08", "roles": ["township-duty"], "channels": ["email"], "hazardPoints": ["HP-3"], "exercise": false, "fallback": false },
                { "personId": "P-09", "roles": ["duty-officer"], "channels": ["email"], "hazardPoints": [], "exercise": false, "fallback": false },
                { "personId": "P-10", "roles": ["duty-leader"], "channels": ["email"], "hazardPoints": [], "exercise": false, "fallback": false },
                // township duty of 3537001-W, below the named region: on its root path, no points
                { "personId": "P-12", "roles": ["township-duty"], "channels": ["email"], "hazardPoints": [], "exercise": false, "fallback": false }
              ],
              "released": [] }
            """),

        // Parameter Color = Yellow; is-IS and en info blocks share one polygon; the first info
        // gives event and severity. HP-2 lies outside (one shape only).
        ["cap/iceland-imo-is-en-polygons.cap"] = new("2021-09-12T20:00:00Z",
            new(new(64.1114, -21.8914), new(64.5, -21.8914), new(64.5, -21.8914), null), """
            { "key": "IMO-Icelandic_Met_Office|is-IMO-2a4c2db8-07fd-4a0f-b372-9667280d46d1",
              "sender": "IMO-Icelandic_Met_Office", "identifier": "is-IMO-2a4c2db8-07fd-4a0f-b372-9667280d46d1",
              "msgType": "Alert", "status": "Actual", "event": "Veðurviðvörun: Vindur", "severity": "Moderate",
              "level": "yellow", "action": "notify", "reason": null,
              "hazardPoints": ["HP-1"],
              "recipients": [
                // yellow is [sms, email]: a person with both gets both
                { "personId": "P-01", "roles": ["monitor", "prevention-lead"], "channels": ["email", "sms"], "hazardPoints": ["HP-1"], "exercise": false, "fallback": false },
                // phone only: sms, no fallback (sms is one of the level's channels)
                { "personId": "P-03", "roles": ["technical-lead"], "channels": ["sms"], "hazardPoints": ["HP-1"], "exercise": false, "fallback": false },
                { "personId": "P-05", "roles": ["township-duty"], "channels": ["email", "sms"], "hazardPoints": ["HP-1"], "exercise": false, "fallback": false },
                { "personId": "P-07", "roles": ["county-duty"], "channels": ["email", "sms"], "hazardPoints": ["HP-1"], "exercise": false, "fallback": false },
                { "personId": "P-09", "roles": ["duty-officer"], "channels": ["email", "sms"], "hazardPoints": [], "exercise": false, "fallback": false },
                { "personId": "P-10", "roles": ["duty-leader"], "channels": ["email", "sms"], "hazardPoints": [], "exercise": false, "fallback": false }
              ],
              "released": [] }
            """),

        // Update of unknown references: notify. Extreme = red. Two polygons in one area: HP-1 in the
        // small triangle, HP-2 in the 69-corner polygon; HP-3 in UGC zone LAZ043 (SAME 022001 is
        // not a region here and is ignored).
        ["cap/ipaws-nws-update-multiple-polygons.xml"] = new("2020-08-26T05:00:00-05:00",
            new(new(30.0927, -92.6223), new(30.237, -92.4403), new(31.0, -92.44), "LAZ043"), """
            { "key": "w-nws.webmaster@noaa.gov|NWS-IDP-PROD-4412298-3677414",
              "sender": "w-nws.webmaster@noaa.gov", "identifier": "NWS-IDP-PROD-4412298-3677414",
              "msgType": "Update", "status": "Actual", "event": "Hurricane Warning", "severity": "Extreme",
              "level": "red", "action": "notify", "reason": null,
              "hazardPoints": ["HP-1", "HP-2", "HP-3"],
              "recipients": [
                { "personId": "P-01", "roles": ["monitor", "prevention-lead"], "channels": ["sms", "voice"], "hazardPoints": ["HP-1"], "exercise": false, "fallback": false },
                { "personId": "P-03", "roles": ["technical-lead"], "channels": ["sms", "voice"], "hazardPoints": ["HP-1", "HP-2", "HP-3"], "exercise": false, "fallback": false },
                // email only, red is [voice, sms]: fallback to email
                { "personId": "P-04", "roles": ["monitor"], "channels": ["email"], "hazardPoints": ["HP-2", "HP-3"], "exercise": false, "fallback": true },
                { "personId": "P-05", "roles": ["township-duty"], "channels": ["sms", "voice"], "hazardPoints": ["HP-1", "HP-2"], "exercise": false, "fallback": false },
                { "personId": "P-07", "roles": ["county-duty"], "channels": ["sms", "voice"], "hazardPoints": ["HP-1", "HP-2", "HP-3"], "exercise": false, "fallback": false },
                { "personId": "P-08", "roles": ["township-duty"], "channels": ["sms", "voice"], "hazardPoints": ["HP-3"], "exercise": false, "fallback": false },
                { "personId": "P-09", "roles": ["duty-officer"], "channels": ["sms", "voice"], "hazardPoints": [], "exercise": false, "fallback": false },
                { "personId": "P-10", "roles": ["duty-leader"], "channels": ["sms", "voice"], "hazardPoints": [], "exercise": false, "fallback": false },
                { "personId": "P-12", "roles": ["township-duty"], "channels": ["sms", "voice"], "hazardPoints": [], "exercise": false, "fallback": false }
              ],
              "released": [] }
            """),

        // Severity Unknown, no colour: level none, below policy, although HP-1 lies at the vertex
        // average of its polygon (inside).
        ["cap/mexico-smn-cyclone-update.xml"] = new("2018-10-20T08:00:00-05:00",
            new(new(16.7749, -92.7672), new(16.7749, -92.7672), new(30.0, -100.0), null), """
            { "key": "smn.cna.gob.mx|avisossmn-ciclontropical-4063",
              "sender": "smn.cna.gob.mx", "identifier": "avisossmn-ciclontropical-4063",
              "msgType": "Update", "status": "Actual", "event": "Aviso de Ciclón Tropical en el Pacífico", "severity": "Unknown",
              "level": "none", "action": "ignored", "reason": "below-policy",
              "hazardPoints": [], "recipients": [], "released": [] }
            """),

        // Minor = blue. HP-1 at the vertex average of the polygon, HP-2 outside, HP-3 in CAP-CP
        // location 1004006.
        ["cap/naad-canada-2019-en-fr.xml"] = new("2019-07-12T18:00:00Z",
            new(new(47.7579, -58.7878), new(48.5, -58.79), new(48.5, -58.79), "1004006"), """
            { "key": "cap-pac@canada.ca|urn:oid:2.49.0.1.124.3026064006.2019",
              "sender": "cap-pac@canada.ca", "identifier": "urn:oid:2.49.0.1.124.3026064006.2019",
              "msgType": "Alert", "status": "Actual", "event": "weather", "severity": "Minor",
              "level": "blue", "action": "notify", "reason": null,
              "hazardPoints": ["HP-1", "HP-3"],
              "recipients": [
                { "personId": "P-01", "roles": ["monitor", "prevention-lead"], "channels": ["email"], "hazardPoints": ["HP-1"], "exercise": false, "fallback": false },
                { "personId": "P-03", "roles": ["technical-lead"], "channels": ["sms", "voice"], "hazardPoints": ["HP-1", "HP-3"], "exercise": false, "fallback": true },
                // monitor of HP-3 only: HP-2 lies outside
                { "personId": "P-04", "roles": ["monitor"], "channels": ["email"], "hazardPoints": ["HP-3"], "exercise": false, "fallback": false },
                { "personId": "P-05", "roles": ["township-duty"], "channels": ["email"], "hazardPoints": ["HP-1"], "exercise": false, "fallback": false },
                { "personId": "P-07", "roles": ["county-duty"], "channels": ["email"], "hazardPoints": ["HP-1", "HP-3"], "exercise": false, "fallback": false },
                { "personId": "P-08", "roles": ["township-duty"], "channels": ["email"], "hazardPoints": ["HP-3"], "exercise": false, "fallback": false },
                { "personId": "P-09", "roles": ["duty-officer"], "channels": ["email"], "hazardPoints": [], "exercise": false, "fallback": false },
                { "personId": "P-10", "roles": ["duty-leader"], "channels": ["email"], "hazardPoints": [], "exercise": false, "fallback": false },
                { "personId": "P-12", "roles": ["township-duty"], "channels": ["email"], "hazardPoints": [], "exercise": false, "fallback": false }
              ],
              "released": [] }
            """),

        // Update of an unknown warning: notify. Extreme = red. No shape: UGC zone AKZ187 reaches HP-3.
        ["cap/nws-wcatwc-tsunami-update-references.cap"] = new("2011-09-02T11:40:00Z",
            FixtureLayout.GeocodeOnly("AKZ187"), """
            { "key": "http://newwcatwc.arh.noaa.gov/tsuPortal/|PAAQ-2-lqw6d6",
              "sender": "http://newwcatwc.arh.noaa.gov/tsuPortal/", "identifier": "PAAQ-2-lqw6d6",
              "msgType": "Update", "status": "Actual", "event": "Tsunami Warning", "severity": "Extreme",
              "level": "red", "action": "notify", "reason": null,
              "hazardPoints": ["HP-3"],
              "recipients": [
                // technical lead of HP-3; HP-1, HP-2 and HP-4 are not affected
                { "personId": "P-03", "roles": ["technical-lead"], "channels": ["sms", "voice"], "hazardPoints": ["HP-3"], "exercise": false, "fallback": false },
                { "personId": "P-04", "roles": ["monitor"], "channels": ["email"], "hazardPoints": ["HP-3"], "exercise": false, "fallback": true },
                { "personId": "P-07", "roles": ["county-duty"], "channels": ["sms", "voice"], "hazardPoints": ["HP-3"], "exercise": false, "fallback": false },
                { "personId": "P-08", "roles": ["township-duty"], "channels": ["sms", "voice"], "hazardPoints": ["HP-3"], "exercise": false, "fallback": false },
                { "personId": "P-09", "roles": ["duty-officer"], "channels": ["sms", "voice"], "hazardPoints": [], "exercise": false, "fallback": false },
                { "personId": "P-10", "roles": ["duty-leader"], "channels": ["sms", "voice"], "hazardPoints": [], "exercise": false, "fallback": false },
                { "personId": "P-12", "roles": ["township-duty"], "channels": ["sms", "voice"], "hazardPoints": [], "exercise": false, "fallback": false }
              ],
              "released": [] }
            """),

        // Severe = orange; no expires, so it never expires. SAME 006037 reaches HP-3.
        ["cap/oasis-spec-amber-alert-cap12.xml"] = new("2026-06-14T08:00:00+08:00",
            FixtureLayout.GeocodeOnly("006037"), """
            { "key": "KARO@CLETS.DOJ.CA.GOV|KAR0-0306112239-SW",
              "sender": "KARO@CLETS.DOJ.CA.GOV", "identifier": "KAR0-0306112239-SW",
              "msgType": "Alert", "status": "Actual", "event": "Child Abduction", "severity": "Severe",
              "level": "orange", "action": "notify", "reason": null,
              "hazardPoints": ["HP-3"],
              "recipients": [
                { "personId": "P-03", "roles": ["technical-lead"], "channels": ["sms", "voice"], "hazardPoints": ["HP-3"], "exercise": false, "fallback": false },
                { "personId": "P-04", "roles": ["monitor"], "channels": ["email"], "hazardPoints": ["HP-3"], "exercise": false, "fallback": true },
                { "personId": "P-07", "roles": ["county-duty"], "channels": ["sms", "voice"], "hazardPoints": ["HP-3"], "exercise": false, "fallback": false },
                { "personId": "P-08", "roles": ["township-duty"], "channels": ["sms", "voice"], "hazardPoints": ["HP-3"], "exercise": false, "fallback": false },
                { "personId": "P-09", "roles": ["duty-officer"], "channels": ["sms", "voice"], "hazardPoints": [], "exercise": false, "fallback": false },
                { "personId": "P-10", "roles": ["duty-leader"], "channels": ["sms", "voice"], "hazardPoints": [], "exercise": false, "fallback": false },
                { "personId": "P-12", "roles": ["township-duty"], "channels": ["sms", "voice"], "hazardPoints": [], "exercise": false, "fallback": false }
              ],
              "released": [] }
            """),

        // Update of an unknown warning: notify. Minor = blue. A circle of radius 0: only HP-1, at
        // its very centre, is inside; HP-2 lies 111 m north of it.
        ["cap/oasis-spec-earthquake-update-references.xml"] = new("2003-06-12T00:00:00-07:00",
            new(new(32.9525, -115.5527), new(32.9535, -115.5527), new(33.0, -115.5527), null), """
            { "key": "trinet@caltech.edu|TRI13970876.2",
              "sender": "trinet@caltech.edu", "identifier": "TRI13970876.2",
              "msgType": "Update", "status": "Actual", "event": "Earthquake", "severity": "Minor",
              "level": "blue", "action": "notify", "reason": null,
              "hazardPoints": ["HP-1"],
              "recipients": [
                { "personId": "P-01", "roles": ["monitor", "prevention-lead"], "channels": ["email"], "hazardPoints": ["HP-1"], "exercise": false, "fallback": false },
                { "personId": "P-03", "roles": ["technical-lead"], "channels": ["sms", "voice"], "hazardPoints": ["HP-1"], "exercise": false, "fallback": true },
                { "personId": "P-05", "roles": ["township-duty"], "channels": ["email"], "hazardPoints": ["HP-1"], "exercise": false, "fallback": false },
                { "personId": "P-07", "roles": ["county-duty"], "channels": ["email"], "hazardPoints": ["HP-1"], "exercise": false, "fallback": false },
                { "personId": "P-09", "roles": ["duty-officer"], "channels": ["email"], "hazardPoints": [], "exercise": false, "fallback": false },
                { "personId": "P-10", "roles": ["duty-leader"], "channels": ["email"], "hazardPoints": [], "exercise": false, "fallback": false }
              ],
              "released": [] }
            """),

        // Severe = orange. HP-1 at the vertex average of the 4-corner polygon, HP-2 outside, HP-3
        // in SAME 006109.
        ["cap/oasis-spec-thunderstorm-polygon.cap"] = new("2003-06-17T15:00:00-07:00",
            new(new(38.4875, -119.93), new(39.0, -119.93), new(39.0, -119.93), "006109"), """
            { "key": "KSTO@NWS.NOAA.GOV|KSTO1055887203",
              "sender": "KSTO@NWS.NOAA.GOV", "identifier": "KSTO1055887203",
              "msgType": "Alert", "status": "Actual", "event": "SEVERE THUNDERSTORM", "severity": "Severe",
              "level": "orange", "action": "notify", "reason": null,
              "hazardPoints": ["HP-1", "HP-3"],
              "recipients": [
                { "personId": "P-01", "roles": ["monitor", "prevention-lead"], "channels": ["sms", "voice"], "hazardPoints": ["HP-1"], "exercise": false, "fallback": false },
                { "personId": "P-03", "roles": ["technical-lead"], "channels": ["sms", "voice"], "hazardPoints": ["HP-1", "HP-3"], "exercise": false, "fallback": false },
                { "personId": "P-04", "roles": ["monitor"], "channels": ["email"], "hazardPoints": ["HP-3"], "exercise": false, "fallback": true },
                { "personId": "P-05", "roles": ["township-duty"], "channels": ["sms", "voice"], "hazardPoints": ["HP-1"], "exercise": false, "fallback": false },
                { "personId": "P-07", "roles": ["county-duty"], "channels": ["sms", "voice"], "hazardPoints": ["HP-1", "HP-3"], "exercise": false, "fallback": false },
                { "personId": "P-08", "roles": ["township-duty"], "channels": ["sms", "voice"], "hazardPoints": ["HP-3"], "exercise": false, "fallback": false },
                { "personId": "P-09", "roles": ["duty-officer"], "channels": ["sms", "voice"], "hazardPoints": [], "exercise": false, "fallback": false },
                { "personId": "P-10", "roles": ["duty-leader"], "channels": ["sms", "voice"], "hazardPoints": [], "exercise": false, "fallback": false },
                { "personId": "P-12", "roles": ["township-duty"], "channels": ["sms", "voice"], "hazardPoints": [], "exercise": false, "fallback": false }
              ],
              "released": [] }
            """),

        // UTF-8 BOM, zh-tw. Parameter alert_color = 紅色 (traditional): red. Taiwan geocode 1000512.
        ["cap/taiwan-wra-zh-tw-bom.cap"] = new("2014-05-14T20:30:00+08:00",
            FixtureLayout.GeocodeOnly("1000512"), """
            { "key": "ddmt01@wra.gov.tw|WRA_ReservoirWarn_201405142010",
              "sender": "ddmt01@wra.gov.tw", "identifier": "WRA_ReservoirWarn_201405142010",
              "msgType": "Alert", "status": "Actual", "event": "水庫洩洪", "severity": "Moderate",
              "level": "red", "action": "notify", "reason": null,
              "hazardPoints": ["HP-3"],
              "recipients": [
                { "personId": "P-03", "roles": ["technical-lead"], "channels": ["sms", "voice"], "hazardPoints": ["HP-3"], "exercise": false, "fallback": false },
                { "personId": "P-04", "roles": ["monitor"], "channels": ["email"], "hazardPoints": ["HP-3"], "exercise": false, "fallback": true },
                { "personId": "P-07", "roles": ["county-duty"], "channels": ["sms", "voice"], "hazardPoints": ["HP-3"], "exercise": false, "fallback": false },
                { "personId": "P-08", "roles": ["township-duty"], "channels": ["sms", "voice"], "hazardPoints": ["HP-3"], "exercise": false, "fallback": false },
                { "personId": "P-09", "roles": ["duty-officer"], "channels": ["sms", "voice"], "hazardPoints": [], "exercise": false, "fallback": false },
                { "personId": "P-10", "roles": ["duty-leader"], "channels": ["sms", "voice"], "hazardPoints": [], "exercise": false, "fallback": false },
                { "personId": "P-12", "roles": ["township-duty"], "channels": ["sms", "voice"], "hazardPoints": [], "exercise": false, "fallback": false }
              ],
              "released": [] }
            """),

        // Declared ISO-8859-1. Severity Unknown: level none, below policy, although HP-1 sits at
        // the centre of its circle.
        ["cap/usgs-earthquake-iso8859-1.cap"] = new("2012-10-15T00:00:00Z",
            new(new(12.747, -88.783), new(12.747, -88.783), new(13.0, -88.783), null), """
            { "key": "http://earthquake.usgs.gov/research/monitoring/anss/neic/|USGS-earthquakes-usB000D5T4.3947362.7.20121014T225304.360Z.0",
              "sender": "http://earthquake.usgs.gov/research/monitoring/anss/neic/",
              "identifier": "USGS-earthquakes-usB000D5T4.3947362.7.20121014T225304.360Z.0",
              "msgType": "Alert", "status": "Actual", "event": "Earthquake", "severity": "Unknown",
              "level": "none", "action": "ignored", "reason": "below-policy",
              "hazardPoints": [], "recipients": [], "released": [] }
            """),

        // Severe = orange (eventCode 019 is no CMA code). Two areas of several hundred corners:
        // HP-1 at the vertex average of the first, HP-2 of the second.
        ["cap/wmo-togo-unsigned-fr-polygons.xml"] = new("2024-06-06T18:00:00Z",
            new(new(7.4152, 0.9968), new(6.4743, 1.2874), new(9.0, 1.0), null), """
            { "key": "meteo_togo@yahoo.fr|86d1b8c2-135b-4472-b1d7-8278d2997ce5",
              "sender": "meteo_togo@yahoo.fr", "identifier": "86d1b8c2-135b-4472-b1d7-8278d2997ce5",
              "msgType": "Alert", "status": "Actual", "event": "Rain/Wet Spell", "severity": "Severe",
              "level": "orange", "action": "notify", "reason": null,
              "hazardPoints": ["HP-1", "HP-2"],
              "recipients": [
                { "personId": "P-01", "roles": ["monitor", "prevention-lead"], "channels": ["sms", "voice"], "hazardPoints": ["HP-1"], "exercise": false, "fallback": false },
                { "personId": "P-03", "roles": ["technical-lead"], "channels": ["sms", "voice"], "hazardPoints": ["HP-1", "HP-2"], "exercise": false, "fallback": false },
                { "personId": "P-04", "roles": ["monitor"], "channels": ["email"], "hazardPoints": ["HP-2"], "exercise": false, "fallback": true },
                { "personId": "P-05", "roles": ["township-duty"], "channels": ["sms", "voice"], "hazardPoints": ["HP-1", "HP-2"], "exercise": false, "fallback": false },
                { "personId": "P-07", "roles": ["county-duty"], "channels": ["sms", "voice"], "hazardPoints": ["HP-1", "HP-2"], "exercise": false, "fallback": false },
                { "personId": "P-09", "roles": ["duty-officer"], "channels": ["sms", "voice"], "hazardPoints": [], "exercise": false, "fallback": false },
                { "personId": "P-10", "roles": ["duty-leader"], "channels": ["sms", "voice"], "hazardPoints": [], "exercise": false, "fallback": false }
              ],
              "released": [] }
            """),

        // alert_color = 黃色: yellow. A radius-0 circle (HP-1 at its centre, HP-2 111 m north) and
        // Taiwan geocode 10015 (HP-3).
        ["china/tw-cwa-earthquake-circle-geocodes.cap"] = new("2024-04-22T17:30:00+08:00",
            new(new(23.759, 121.546), new(23.760, 121.546), new(24.5, 121.546), "10015"), """
            { "key": "cwasoc@cwa.gov.tw|CWA-EQ113218-2024-0422-170839",
              "sender": "cwasoc@cwa.gov.tw", "identifier": "CWA-EQ113218-2024-0422-170839",
              "msgType": "Alert", "status": "Actual", "event": "地震", "severity": "Moderate",
              "level": "yellow", "action": "notify", "reason": null,
              "hazardPoints": ["HP-1", "HP-3"],
              "recipients": [
                { "personId": "P-01", "roles": ["monitor", "prevention-lead"], "channels": ["email", "sms"], "hazardPoints": ["HP-1"], "exercise": false, "fallback": false },
                { "personId": "P-03", "roles": ["technical-lead"], "channels": ["sms"], "hazardPoints": ["HP-1", "HP-3"], "exercise": false, "fallback": false },
                { "personId": "P-04", "roles": ["monitor"], "channels": ["email"], "hazardPoints": ["HP-3"], "exercise": false, "fallback": false },
                { "personId": "P-05", "roles": ["township-duty"], "channels": ["email", "sms"], "hazardPoints": ["HP-1"], "exercise": false, "fallback": false },
                { "personId": "P-07", "roles": ["county-duty"], "channels": ["email", "sms"], "hazardPoints": ["HP-1", "HP-3"], "exercise": false, "fallback": false },
                { "personId": "P-08", "roles": ["township-duty"], "channels": ["email", "sms"], "hazardPoints": ["HP-3"], "exercise": false, "fallback": false },
                { "personId": "P-09", "roles": ["duty-officer"], "channels": ["email", "sms"], "hazardPoints": [], "exercise": false, "fallback": false },
                { "personId": "P-10", "roles": ["duty-leader"], "channels": ["email", "sms"], "hazardPoints": [], "exercise": false, "fallback": false },
                { "personId": "P-12", "roles": ["township-duty"], "channels": ["email", "sms"], "hazardPoints": [], "exercise": false, "fallback": false }
              ],
              "released": [] }
            """),

        // alert_color = 橙色: orange. One 8-corner polygon; HP-2 outside.
        ["china/tw-cwa-thunderstorm-polygon.cap"] = new("2024-04-24T05:00:00+08:00",
            new(new(24.1886, 120.6157), new(25.0, 120.62), new(25.0, 120.62), null), """
            { "key": "weather@cwa.gov.tw|cwa.gov.tw_thunderstorm_20240424044654_000",
              "sender": "weather@cwa.gov.tw", "identifier": "cwa.gov.tw_thunderstorm_20240424044654_000",
              "msgType": "Alert", "status": "Actual", "event": "雷雨", "severity": "Severe",
              "level": "orange", "action": "notify", "reason": null,
              "hazardPoints": ["HP-1"],
              "recipients": [
                { "personId": "P-01", "roles": ["monitor", "prevention-lead"], "channels": ["sms", "voice"], "hazardPoints": ["HP-1"], "exercise": false, "fallback": false },
                { "personId": "P-03", "roles": ["technical-lead"], "channels": ["sms", "voice"], "hazardPoints": ["HP-1"], "exercise": false, "fallback": false },
                { "personId": "P-05", "roles": ["township-duty"], "channels": ["sms", "voice"], "hazardPoints": ["HP-1"], "exercise": false, "fallback": false },
                { "personId": "P-07", "roles": ["county-duty"], "channels": ["sms", "voice"], "hazardPoints": ["HP-1"], "exercise": false, "fallback": false },
                { "personId": "P-09", "roles": ["duty-officer"], "channels": ["sms", "voice"], "hazardPoints": [], "exercise": false, "fallback": false },
                { "personId": "P-10", "roles": ["duty-leader"], "channels": ["sms", "voice"], "hazardPoints": [], "exercise": false, "fallback": false }
              ],
              "released": [] }
            """),

        // alert_color = 橙色 gives orange although the severity is Minor. Two polygons (HP-1, HP-2).
        ["china/tw-cwb-typhoon-two-polygons.xml"] = new("2019-08-23T06:00:00+08:00",
            new(new(22.7062, 121.4221), new(21.0312, 121.9688), new(24.0, 121.42), null), """
            { "key": "weather@cwb.gov.tw|CWB-Weather_typhoon-warning_201908230530001",
              "sender": "weather@cwb.gov.tw", "identifier": "CWB-Weather_typhoon-warning_201908230530001",
              "msgType": "Alert", "status": "Actual", "event": "颱風", "severity": "Minor",
              "level": "orange", "action": "notify", "reason": null,
              "hazardPoints": ["HP-1", "HP-2"],
              "recipients": [
                { "personId": "P-01", "roles": ["monitor", "prevention-lead"], "channels": ["sms", "voice"], "hazardPoints": ["HP-1"], "exercise": false, "fallback": false },
                { "personId": "P-03", "roles": ["technical-lead"], "channels": ["sms", "voice"], "hazardPoints": ["HP-1", "HP-2"], "exercise": false, "fallback": false },
                { "personId": "P-04", "roles": ["monitor"], "channels": ["email"], "hazardPoints": ["HP-2"], "exercise": false, "fallback": true },
                { "personId": "P-05", "roles": ["township-duty"], "channels": ["sms", "voice"], "hazardPoints": ["HP-1", "HP-2"], "exercise": false, "fallback": false },
                { "personId": "P-07", "roles": ["county-duty"], "channels": ["sms", "voice"], "hazardPoints": ["HP-1", "HP-2"], "exercise": false, "fallback": false },
                { "personId": "P-09", "roles": ["duty-officer"], "channels": ["sms", "voice"], "hazardPoints": [], "exercise": false, "fallback": false },
                { "personId": "P-10", "roles": ["duty-leader"], "channels": ["sms", "voice"], "hazardPoints": [], "exercise": false, "fallback": false }
              ],
              "released": [] }
            """),

        // Four info blocks, alert_color = 黃色 (traditional): yellow. Village geocode 1001511-003
        // (second info) reaches HP-3.
        ["china/tw-swcb-debris-flow-geo-4info.xml"] = new("2019-08-24T09:00:00+08:00",
            FixtureLayout.GeocodeOnly("1001511-003"), """
            { "key": "swcbfema@mail.swcb.gov.tw|swcb.gov.tw_debrisFlow_201908240800",
              "sender": "swcbfema@mail.swcb.gov.tw", "identifier": "swcb.gov.tw_debrisFlow_201908240800",
              "msgType": "Alert", "status": "Actual", "event": "土石流", "severity": "Moderate",
              "level": "yellow", "action": "notify", "reason": null,
              "hazardPoints": ["HP-3"],
              "recipients": [
                { "personId": "P-03", "roles": ["technical-lead"], "channels": ["sms"], "hazardPoints": ["HP-3"], "exercise": false, "fallback": false },
                { "personId": "P-04", "roles": ["monitor"], "channels": ["email"], "hazardPoints": ["HP-3"], "exercise": false, "fallback": false },
                { "personId": "P-07", "roles": ["county-duty"], "channels": ["email", "sms"], "hazardPoints": ["HP-3"], "exercise": false, "fallback": false },
                { "personId": "P-08", "roles": ["township-duty"], "channels": ["email", "sms"], "hazardPoints": ["HP-3"], "exercise": false, "fallback": false },
                { "personId": "P-09", "roles": ["duty-officer"], "channels": ["email", "sms"], "hazardPoints": [], "exercise": false, "fallback": false },
                { "personId": "P-10", "roles": ["duty-leader"], "channels": ["email", "sms"], "hazardPoints": [], "exercise": false, "fallback": false },
                { "personId": "P-12", "roles": ["township-duty"], "channels": ["email", "sms"], "hazardPoints": [], "exercise": false, "fallback": false }
              ],
              "released": [] }
            """),

        // Update with six unknown references: notify. Its 紅色 sits in a parameter named
        // alert_title, which names no level or colour, so the severity Moderate decides: yellow.
        // Geocode 6702500 (fourth and fifth info) reaches HP-3.
        ["china/tw-wra-reservoir-update-5info.xml"] = new("2019-08-21T01:00:00+08:00",
            FixtureLayout.GeocodeOnly("6702500"), """
            { "key": "ddmt01@wra.gov.tw|WRA_ReservoirWarn_201908210020",
              "sender": "ddmt01@wra.gov.tw", "identifier": "WRA_ReservoirWarn_201908210020",
              "msgType": "Update", "status": "Actual", "event": "水庫放流", "severity": "Moderate",
              "level": "yellow", "action": "notify", "reason": null,
              "hazardPoints": ["HP-3"],
              "recipients": [
                { "personId": "P-03", "roles": ["technical-lead"], "channels": ["sms"], "hazardPoints": ["HP-3"], "exercise": false, "fallback": false },
                { "personId": "P-04", "roles": ["monitor"], "channels": ["email"], "hazardPoints": ["HP-3"], "exercise": false, "fallback": false },
                { "personId": "P-07", "roles": ["county-duty"], "channels": ["email", "sms"], "hazardPoints": ["HP-3"], "exercise": false, "fallback": false },
                { "personId": "P-08", "roles": ["township-duty"], "channels": ["email", "sms"], "hazardPoints": ["HP-3"], "exercise": false, "fallback": false },
                { "personId": "P-09", "roles": ["duty-officer"], "channels": ["email", "sms"], "hazardPoints": [], "exercise": false, "fallback": false },
                { "personId": "P-10", "roles": ["duty-leader"], "channels": ["email", "sms"], "hazardPoints": [], "exercise": false, "fallback": false },
                { "personId": "P-12", "roles": ["township-duty"], "channels": ["email", "sms"], "hazardPoints": [], "exercise": false, "fallback": false }
              ],
              "released": [] }
            """),

        // The alert embedded in an atom:-prefixed entry. Severe = orange; FIPS6 006037 reaches HP-3.
        ["feed/amber-embedded-cap.atom"] = new("2026-06-14T08:00:00+08:00",
            FixtureLayout.GeocodeOnly("006037"), """
            { "key": "KARO@CLETS.DOJ.DC.GOV|http://doj.dc.gov/amber12345",
              "sender": "KARO@CLETS.DOJ.DC.GOV", "identifier": "http://doj.dc.gov/amber12345",
              "msgType": "Alert", "status": "Actual", "event": "Child Abduction", "severity": "Severe",
              "level": "orange", "action": "notify", "reason": null,
              "hazardPoints": ["HP-3"],
              "recipients": [
                { "personId": "P-03", "roles": ["technical-lead"], "channels": ["sms", "voice"], "hazardPoints": ["HP-3"], "exercise": false, "fallback": false },
                { "personId": "P-04", "roles": ["monitor"], "channels": ["email"], "hazardPoints": ["HP-3"], "exercise": false, "fallback": true },
                { "personId": "P-07", "roles": ["county-duty"], "channels": ["sms", "voice"], "hazardPoints": ["HP-3"], "exercise": false, "fallback": false },
                { "personId": "P-08", "roles": ["township-duty"], "channels": ["sms", "voice"], "hazardPoints": ["HP-3"], "exercise": false, "fallback": false },
                { "personId": "P-09", "roles": ["duty-officer"], "channels": ["sms", "voice"], "hazardPoints": [], "exercise": false, "fallback": false },
                { "personId": "P-10", "roles": ["duty-leader"], "channels": ["sms", "voice"], "hazardPoints": [], "exercise": false, "fallback": false },
                { "personId": "P-12", "roles": ["township-duty"], "channels": ["sms", "voice"], "hazardPoints": [], "exercise": false, "fallback": false }
              ],
              "released": [] }
            """),

        // The signed Update embedded in an Atom entry, references unknown: notify. Moderate =
        // yellow. HP-1 in the La Ronge polygon, HP-2 in the Île-à-la-Crosse polygon, HP-3 in CAP-CP
        // location 4718090 (named in both areas).
        ["feed/ec-canada-signed-embedded-cap.atom"] = new("2013-01-24T22:00:00Z",
            new(new(54.228, -105.9213), new(54.9006, -108.9802), new(57.0, -106.0), "4718090"), """
            { "key": "cap-pac@ec.gc.ca|2.49.0.1.124.f2c83f5f.2013",
              "sender": "cap-pac@ec.gc.ca", "identifier": "2.49.0.1.124.f2c83f5f.2013",
              "msgType": "Update", "status": "Actual", "event": "snowfall", "severity": "Moderate",
              "level": "yellow", "action": "notify", "reason": null,
              "hazardPoints": ["HP-1", "HP-2", "HP-3"],
              "recipients": [
                { "personId": "P-01", "roles": ["monitor", "prevention-lead"], "channels": ["email", "sms"], "hazardPoints": ["HP-1"], "exercise": false, "fallback": false },
                { "personId": "P-03", "roles": ["technical-lead"], "channels": ["sms"], "hazardPoints": ["HP-1", "HP-2", "HP-3"], "exercise": false, "fallback": false },
                { "personId": "P-04", "roles": ["monitor"], "channels": ["email"], "hazardPoints": ["HP-2", "HP-3"], "exercise": false, "fallback": false },
                { "personId": "P-05", "roles": ["township-duty"], "channels": ["email", "sms"], "hazardPoints": ["HP-1", "HP-2"], "exercise": false, "fallback": false },
                { "personId": "P-07", "roles": ["county-duty"], "channels": ["email", "sms"], "hazardPoints": ["HP-1", "HP-2", "HP-3"], "exercise": false, "fallback": false },
                { "personId": "P-08", "roles": ["township-duty"], "channels": ["email", "sms"], "hazardPoints": ["HP-3"], "exercise": false, "fallback": false },
                { "personId": "P-09", "roles": ["duty-officer"], "channels": ["email", "sms"], "hazardPoints": [], "exercise": false, "fallback": false },
                { "personId": "P-10", "roles": ["duty-leader"], "channels": ["email", "sms"], "hazardPoints": [], "exercise": false, "fallback": false },
                { "personId": "P-12", "roles": ["township-duty"], "channels": ["email", "sms"], "hazardPoints": [], "exercise": false, "fallback": false }
              ],
              "released": [] }
            """),

        // An NWS GeoJSON feature (no geometry), Update with four unknown references: notify.
        // Severe = orange. Its SAME value 053011 is a region code like its UGC values.
        ["geojson/pynws-alerts-active-zone-update-4refs.json"] = new("2019-12-20T14:00:00-08:00",
            FixtureLayout.GeocodeOnly("053011"), """
            { "key": "w-nws.webmaster@noaa.gov|NWS-IDP-PROD-3965873-3369046",
              "sender": "w-nws.webmaster@noaa.gov", "identifier": "NWS-IDP-PROD-3965873-3369046",
              "msgType": "Update", "status": "Actual", "event": "Flood Watch", "severity": "Severe",
              "level": "orange", "action": "notify", "reason": null,
              "hazardPoints": ["HP-3"],
              "recipients": [
                { "personId": "P-03", "roles": ["technical-lead"], "channels": ["sms", "voice"], "hazardPoints": ["HP-3"], "exercise": false, "fallback": false },
                { "personId": "P-04", "roles": ["monitor"], "channels": ["email"], "hazardPoints": ["HP-3"], "exercise": false, "fallback": true },
                { "personId": "P-07", "roles": ["county-duty"], "channels": ["sms", "voice"], "hazardPoints": ["HP-3"], "exercise": false, "fallback": false },
                { "personId": "P-08", "roles": ["township-duty"], "channels": ["sms", "voice"], "hazardPoints": ["HP-3"], "exercise": false, "fallback": false },
                { "personId": "P-09", "roles": ["duty-officer"], "channels": ["sms", "voice"], "hazardPoints": [], "exercise": false, "fallback": false },
                { "personId": "P-10", "roles": ["duty-leader"], "channels": ["sms", "voice"], "hazardPoints": [], "exercise": false, "fallback": false },
                { "personId": "P-12", "roles": ["township-duty"], "channels": ["sms", "voice"], "hazardPoints": [], "exercise": false, "fallback": false }
              ],
              "released": [] }
            """),
    };

    public static TheoryData<string> Files => new(Cases.Keys);

    [Theory]
    [MemberData(nameof(Files))]
    public async Task Replay_AcceptedFixtureWithArea_PrintsTheHandDerivedPlan(string file)
    {
        var c = Cases[file];
        using var config = ReplayConfigFolder.Create(c.Layout, At(c.At));

        var result = await ReplayRun.RunAsync("--config", config.Path, "--at", c.At, "--format", "json", ReplayRun.Fixture(file));

        Assert.Equal("", result.Stderr);
        Assert.Equal(0, result.Exit);
        JsonAssert.Equal($$"""{ "warnings": [ {{c.Warning}} ], "rejected": [] }""", result.Stdout);
    }

    [Theory]
    // status Test, although HP-1 lies at the vertex average of its polygon: nobody is told
    [InlineData("cap/philippines-pagasa-test-polygon.cap", "2014-11-03T15:00:00+08:00", """
        { "key": "PAGASA-DOST|103ff55e-b538-49a2-a94a-64470ddea2cc", "sender": "PAGASA-DOST", "identifier": "103ff55e-b538-49a2-a94a-64470ddea2cc",
          "msgType": "Alert", "status": "Test", "event": "Tropical Cyclone Alert", "severity": "Minor", "level": "blue",
          "action": "ignored", "reason": "test", "hazardPoints": [], "recipients": [], "released": [] }
        """)]
    // status Test; the orange info (橙色) outranks the yellow one and gives event and severity
    [InlineData("china/tw-cwb-tsunami-status-test.xml", "2015-10-01T10:00:00+08:00", """
        { "key": "CWB_SC@scman.cwb.gov.tw|CWB-TSU10401001-2015-1001-093000", "sender": "CWB_SC@scman.cwb.gov.tw", "identifier": "CWB-TSU10401001-2015-1001-093000",
          "msgType": "Alert", "status": "Test", "event": "海嘯", "severity": "Severe", "level": "orange",
          "action": "ignored", "reason": "test", "hazardPoints": [], "recipients": [], "released": [] }
        """)]
    // a Cancel without info whose reference was never seen: no event, no level
    [InlineData("cap/athoc-cancel-no-info.cap", "2016-02-25T13:00:00-08:00", """
        { "key": "AtHoc|1017033100951096-517189320160225203219800_Cancel", "sender": "AtHoc", "identifier": "1017033100951096-517189320160225203219800_Cancel",
          "msgType": "Cancel", "status": "Actual", "event": null, "severity": "Unknown", "level": "none",
          "action": "ignored", "reason": "unknown-reference", "hazardPoints": [], "recipients": [], "released": [] }
        """)]
    // an area with a description only: no point, no region, so not even the duty roles
    [InlineData("cap/oasis-spec-homeland-security.cap", "2003-04-02T15:00:00-05:00", """
        { "key": "hsas@dhs.gov|43b080713727", "sender": "hsas@dhs.gov", "identifier": "43b080713727",
          "msgType": "Alert", "status": "Actual", "event": "Homeland Security Advisory System Update", "severity": "Severe", "level": "orange",
          "action": "ignored", "reason": "no-recipients", "hazardPoints": [], "recipients": [], "released": [] }
        """)]
    // the Iceland warning one second after both its infos expired (2021-09-13T10:00:00Z)
    [InlineData("cap/iceland-imo-is-en-polygons.cap", "2021-09-13T10:00:01Z", """
        { "key": "IMO-Icelandic_Met_Office|is-IMO-2a4c2db8-07fd-4a0f-b372-9667280d46d1", "sender": "IMO-Icelandic_Met_Office", "identifier": "is-IMO-2a4c2db8-07fd-4a0f-b372-9667280d46d1",
          "msgType": "Alert", "status": "Actual", "event": "Veðurviðvörun: Vindur", "severity": "Moderate", "level": "yellow",
          "action": "ignored", "reason": "expired", "hazardPoints": [], "recipients": [], "released": [] }
        """)]
    public async Task Replay_IgnoredFixture_PrintsTheReasonAndNobody(string file, string at, string warning)
    {
        // HP-1 inside the document's polygon: the Philippine one (13.6,121.6 is inside its hexagon) or,
        // for the others, the Iceland one, which has the only polygon among them.
        var layout = file.StartsWith("cap/philippines", StringComparison.Ordinal)
            ? new FixtureLayout(new(13.6, 121.6), new(13.6, 121.6), new(30.0, 100.0), null)
            : Cases["cap/iceland-imo-is-en-polygons.cap"].Layout;
        using var config = ReplayConfigFolder.Create(layout, At(at));

        var result = await ReplayRun.RunAsync("--config", config.Path, "--at", at, "--format", "json", ReplayRun.Fixture(file));

        Assert.Equal(0, result.Exit);
        JsonAssert.Equal($$"""{ "warnings": [ {{warning}} ], "rejected": [] }""", result.Stdout);
    }

    [Fact]
    public async Task Replay_OnsetStillAhead_NotifiesNow()
    {
        // The Iceland warning's onset is 2021-09-12T18:00:00Z; a day and a half earlier it already
        // reaches the same people as in the table (SPEC §6: a future onset still notifies now).
        var c = Cases["cap/iceland-imo-is-en-polygons.cap"];
        const string at = "2021-09-11T06:00:00Z";
        using var config = ReplayConfigFolder.Create(c.Layout, At(at));

        var result = await ReplayRun.RunAsync("--config", config.Path, "--at", at, ReplayRun.Fixture("cap/iceland-imo-is-en-polygons.cap"));

        Assert.Equal(0, result.Exit);
        JsonAssert.Equal($$"""{ "warnings": [ {{c.Warning}} ], "rejected": [] }""", result.Stdout);
    }

    [Theory]
    [InlineData("feed/krisinformation-sweden.atom")]   // Atom entries that only link to CAP documents
    [InlineData("feed/nws-empty-index.atom")]          // an Atom feed without entries
    [InlineData("feed/nws-oregon-cap11.atom")]         // a CAP 1.1 era NWS index, links only
    [InlineData("feed/nws-weather-index.atom")]        // the NWS Atom index, links only
    [InlineData("feed/nyalert-index.rss")]             // an RSS index, links only
    public async Task Replay_LinkOnlyIndex_HasNoWarningsAndExitsZero(string file)
    {
        using var config = ReplayConfigFolder.Create(FixtureLayout.GeocodeOnly("G"), At("2026-06-14T08:00:00+08:00"));

        var result = await ReplayRun.RunAsync("--config", config.Path, "--at", "2026-06-14T08:00:00+08:00", ReplayRun.Fixture(file));

        Assert.Equal(0, result.Exit);
        JsonAssert.Equal("""{ "warnings": [], "rejected": [] }""", result.Stdout);
    }

    [Fact]
    public async Task Replay_SameFileTwice_SecondIsDuplicate()
    {
        var c = Cases["cap/iceland-imo-is-en-polygons.cap"];
        using var config = ReplayConfigFolder.Create(c.Layout, At(c.At));
        var file = ReplayRun.Fixture("cap/iceland-imo-is-en-polygons.cap");

        var result = await ReplayRun.RunAsync("--config", config.Path, "--at", c.At, file, file);

        Assert.Equal(0, result.Exit);
        JsonAssert.Equal($$"""
            { "warnings": [
                {{c.Warning}},
                { "key": "IMO-Icelandic_Met_Office|is-IMO-2a4c2db8-07fd-4a0f-b372-9667280d46d1", "sender": "IMO-Icelandic_Met_Office", "identifier": "is-IMO-2a4c2db8-07fd-4a0f-b372-9667280d46d1",
                  "msgType": "Alert", "status": "Actual", "event": "Veðurviðvörun: Vindur", "severity": "Moderate", "level": "yellow",
                  "action": "ignored", "reason": "duplicate", "hazardPoints": [], "recipients": [], "released": [] }
              ],
              "rejected": [] }
            """, result.Stdout);
    }

    [Fact]
    public async Task Replay_IgnoredTestWarningTwice_SecondIsDuplicateNotTest()
    {
        // SPEC §6: duplicate is checked first, and a key seen before counts even when it was ignored.
        const string at = "2014-11-03T15:00:00+08:00";
        using var config = ReplayConfigFolder.Create(FixtureLayout.GeocodeOnly("G"), At(at));
        var file = ReplayRun.Fixture("cap/philippines-pagasa-test-polygon.cap");

        var result = await ReplayRun.RunAsync("--config", config.Path, "--at", at, file, file);

        Assert.Equal(0, result.Exit);
        Assert.Equal(["test", "duplicate"], ReasonsOf(result.Stdout));
    }

    [Fact]
    public async Task Replay_GoodRejectedGood_ProcessesBothGoodOnesInOrderAndExitsOne()
    {
        // Two alerts without expiry that reach HP-3 through SAME/FIPS6 006037 (rows of the table),
        // and between them an alert without <scope>.
        var first = Cases["cap/oasis-spec-amber-alert-cap12.xml"];
        var third = Cases["feed/amber-embedded-cap.atom"];
        using var config = ReplayConfigFolder.Create(first.Layout, At(first.At));
        var bad = Relative("cap-invalid/missing-scope.cap");

        var result = await ReplayRun.RunAsync("--config", config.Path, "--at", first.At,
            ReplayRun.Fixture("cap/oasis-spec-amber-alert-cap12.xml"), bad, ReplayRun.Fixture("feed/amber-embedded-cap.atom"));

        Assert.Equal(1, result.Exit);
        JsonAssert.Equal($$"""
            { "warnings": [ {{first.Warning}}, {{third.Warning}} ],
              "rejected": [ { "input": "{{bad}}", "error": "alert sender|12345: missing <scope>" } ] }
            """, result.Stdout);
    }

    /// <summary>Every document EXPECTED.md rejects, with the parts it names (each rejection must
    /// name its alert, entry, feature or the document, and say what is wrong).</summary>
    public static TheoryData<string, string[]> RejectedFixtures => new()
    {
        // the signature of the "valid" Togo document really does not verify (xmlsec1 agrees)
        { "cap/wmo-togo-signed-valid-fr-polygons.xml", ["alert meteo_togo@yahoo.fr|86d1b8c2-135b-4472-b1d7-8278d2997ce5", "signature"] },
        { "cap-invalid/wmo-togo-signed-bad-digest.xml", ["alert meteo_togo@yahoo.fr|86d1b8c2-135b-4472-b1d7-8278d2997ce5", "signature"] },
        // JSON that is no GeoJSON FeatureCollection: the whole document
        { "china/qweather-alert-v1-beta-huidong-rainstorm-update.json", ["JSON", "not a GeoJSON FeatureCollection"] },
        { "china/qweather-alert-v1-current-update-supersedes-zh.json", ["JSON", "not a GeoJSON FeatureCollection"] },
        { "china/qweather-v7-warning-now-shanghai-zh.json", ["JSON", "not a GeoJSON FeatureCollection"] },
        { "feed/meteoalarm-api-warnings-germany.json", ["JSON", "not a GeoJSON FeatureCollection"] },
        // NWS features with placeholder dates: each feature on its own line
        { "geojson/weathergov-area-AL-2-updates-some-placeholder-dates.json",
            ["feature urn:oid:2.49.0.1.840.0.21973bd423ae0db39e5260d08fa31bb6eba8b288.001.1", "'date:now",
             "feature urn:oid:2.49.0.1.840.0.21973bd423ae0db39e5260d08fa31bb6eba8b288.001.1", "'date:now"] },
        { "geojson/weathergov-loadtest-hurricane-polygon-PLACEHOLDER-DATES.json",
            ["feature urn:oid:2.49.0.1.840.0.hash-1.001.1", "'date:", "feature urn:oid:2.49.0.1.840.0.hash-2.001.1", "'date:",
             "feature urn:oid:2.49.0.1.840.0.hash-3.001.1", "'date:", "feature urn:oid:2.49.0.1.840.0.hash-4.001.1", "'date:",
             "feature urn:oid:2.49.0.1.840.0.hash-5.001.1", "'date:", "feature urn:oid:2.49.0.1.840.0.hash-6.001.1", "'date:",
             "feature urn:oid:2.49.0.1.840.0.hash-7.001.1", "'date:", "feature urn:oid:2.49.0.1.840.0.hash-8.001.1", "'date:"] },
        // index entries with neither an embedded alert nor a link
        { "cap-invalid/atom-invalid-element.atom", ["entry id1", "neither"] },
        { "cap-invalid/atom-no-id.atom", ["entry #1", "neither"] },
        { "cap-invalid/rss-item-empty.rss", ["entry #1", "neither"] },
        // CAP alerts missing or emptying a required element
        { "cap-invalid/canada-empty-references.cap", ["alert cap@ec.gc.ca|2.49.0.1.124.6bddbc91.2012", "<references>"] },
        { "cap-invalid/missing-scope.cap", ["alert sender|12345", "<scope>"] },
        { "cap-invalid/noaa-empty-references-urgency.cap", ["alert w-nws.webmaster@noaa.gov|NOAA-NWS-ALERTS-NV20110710035200FloodWarning20110812031500NV.LKNFLWLKN.b246748c7bbfa7c65ae9b960569510dd", "<urgency>"] },
        // an embedded alert whose identifier has a comma and a space, named with its entry
        { "cap-invalid/weather-invalid.atom", ["entry http://www.weather.gov/alerts-beta/wwacapget.php?x=DC20100829202900LWXAirQualityAlertLWX20100831040000DC", "'INVALID,'"] },
        // whole documents: a foreign namespace, an HTML page and two XXE attempts (DOCTYPE)
        { "cap-invalid/taiwan-wrong-namespace.cap", ["root element 'alert'", "namespace"] },
        { "cap-invalid/tw-ncdr-404-html-big5-instead-of-cap.cap", ["carries a DOCTYPE", "never processed"] },
        { "cap-invalid/xxe-xinclude-attack.atom", ["carries a DOCTYPE", "never processed"] },
        { "cap-invalid/xxe-xinclude-attack.cap", ["carries a DOCTYPE", "never processed"] },
    };

    [Theory]
    [MemberData(nameof(RejectedFixtures))]
    public async Task Replay_RejectedFixture_ExitsOneAndNamesEachPart(string file, string[] partAndProblem)
    {
        using var config = ReplayConfigFolder.Create(FixtureLayout.GeocodeOnly("G"), At("2026-06-14T08:00:00+08:00"));
        var input = Relative(file);

        var result = await ReplayRun.RunAsync("--config", config.Path, "--at", "2026-06-14T08:00:00+08:00", input);

        Assert.Equal(1, result.Exit);
        using var json = JsonDocument.Parse(result.Stdout);
        Assert.Empty(json.RootElement.GetProperty("warnings").EnumerateArray());
        var rejected = json.RootElement.GetProperty("rejected").EnumerateArray().ToList();
        Assert.Equal(partAndProblem.Length / 2, rejected.Count);
        for (var i = 0; i < rejected.Count; i++)
        {
            Assert.Equal(input, rejected[i].GetProperty("input").GetString());
            var error = rejected[i].GetProperty("error").GetString()!;
            Assert.DoesNotContain('\n', error);
            Assert.Contains(partAndProblem[2 * i], error);
            Assert.Contains(partAndProblem[2 * i + 1], error);
        }
    }

    private static DateTimeOffset At(string iso) => DateTimeOffset.Parse(iso, CultureInfo.InvariantCulture);

    /// <summary>A fixture's path relative to the working directory: <c>input</c> must repeat it as given.</summary>
    private static string Relative(string fixture) => Path.GetRelativePath(Environment.CurrentDirectory, ReplayRun.Fixture(fixture));

    private static string[] ReasonsOf(string stdout)
    {
        using var json = JsonDocument.Parse(stdout);
        return json.RootElement.GetProperty("warnings").EnumerateArray().Select(w => w.GetProperty("reason").GetString() ?? "null").ToArray();
    }
}
