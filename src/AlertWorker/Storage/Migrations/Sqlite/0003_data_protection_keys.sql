-- AlertWorker schema, version 3 (SQLite): the ASP.NET Core Data Protection key ring (XML, one row
-- per key), so that answer links, login cookies and antiforgery tokens survive a restart and are
-- read alike by every instance on the same database.
CREATE TABLE data_protection_keys (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    friendly_name TEXT NOT NULL,
    xml           TEXT NOT NULL,
    created_at    TEXT NOT NULL
);
