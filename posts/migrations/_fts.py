"""SQLite's FTS5 table over Post.search_text, and the triggers that keep it in step with
every write to the column. Used by migration 0005 and, after every migrate, by
posts.apps to put back triggers a table rebuild dropped."""

TRIGGERS = frozenset({"posts_post_fts_insert", "posts_post_fts_delete", "posts_post_fts_update"})

CREATE = [
    "CREATE VIRTUAL TABLE IF NOT EXISTS posts_post_fts USING fts5("
    "search_text, content='posts_post', content_rowid='id', "
    "tokenize='unicode61 remove_diacritics 0')",
    "INSERT INTO posts_post_fts(posts_post_fts) VALUES ('rebuild')",
    "CREATE TRIGGER IF NOT EXISTS posts_post_fts_insert AFTER INSERT ON posts_post BEGIN "
    "INSERT INTO posts_post_fts(rowid, search_text) VALUES (new.id, new.search_text); END",
    "CREATE TRIGGER IF NOT EXISTS posts_post_fts_delete AFTER DELETE ON posts_post BEGIN "
    "INSERT INTO posts_post_fts(posts_post_fts, rowid, search_text) "
    "VALUES ('delete', old.id, old.search_text); END",
    "CREATE TRIGGER IF NOT EXISTS posts_post_fts_update AFTER UPDATE OF search_text "
    "ON posts_post BEGIN "
    "INSERT INTO posts_post_fts(posts_post_fts, rowid, search_text) "
    "VALUES ('delete', old.id, old.search_text); "
    "INSERT INTO posts_post_fts(rowid, search_text) VALUES (new.id, new.search_text); END",
]
DROP = [
    "DROP TRIGGER IF EXISTS posts_post_fts_update",
    "DROP TRIGGER IF EXISTS posts_post_fts_delete",
    "DROP TRIGGER IF EXISTS posts_post_fts_insert",
    "DROP TABLE IF EXISTS posts_post_fts",
]
