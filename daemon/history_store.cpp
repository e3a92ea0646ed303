#include "history_store.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <limits>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/core.h>
#include <sqlite3.h>

#include "log.hpp"

namespace zanryo {

namespace {

// Columns added later are nullable and appended, so the version stays 1 and an older
// zanryod (which names its columns) still reads and writes the file: reading.buckets
// (JSON text) came after the first layout and is NULL in rows written before it.
constexpr int kSchemaVersion = 1;
constexpr std::int64_t kPruneEvery = 3600;

// SQLite INTEGER is a signed 64-bit value; byte counts above 2^63 do not exist in practice.
std::int64_t toSql(std::uint64_t v)
{
	return v > std::uint64_t(std::numeric_limits<std::int64_t>::max())
		       ? std::numeric_limits<std::int64_t>::max()
		       : std::int64_t(v);
}

bool isCorruption(int rc)
{
	int primary = rc & 0xff;
	return primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB;
}

std::int64_t floorHour(std::int64_t t)
{
	std::int64_t h = t / 3600 * 3600;
	return h > t ? h - 3600 : h; // negative times round down too
}

/// One prepared statement, finalized on scope exit.
class Statement
{
public:
	Statement(sqlite3 *db, const char *sql)
	{
		rc_ = sqlite3_prepare_v2(db, sql, -1, &stmt_, nullptr);
	}
	~Statement() { sqlite3_finalize(stmt_); }
	Statement(const Statement &) = delete;
	Statement &operator=(const Statement &) = delete;

	int prepared() const { return rc_; }
	void bind(int i, std::int64_t v) { sqlite3_bind_int64(stmt_, i, v); }
	void bind(int i, std::string_view v)
	{
		sqlite3_bind_text(stmt_, i, v.data(), int(v.size()), SQLITE_TRANSIENT);
	}
	void bindNull(int i) { sqlite3_bind_null(stmt_, i); }
	int step() { return sqlite3_step(stmt_); }
	bool isNull(int col) { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }
	std::int64_t integer(int col) { return sqlite3_column_int64(stmt_, col); }
	std::string text(int col)
	{
		const unsigned char *p = sqlite3_column_text(stmt_, col);
		return p ? std::string(reinterpret_cast<const char *>(p), std::size_t(sqlite3_column_bytes(stmt_, col)))
			 : std::string();
	}

private:
	sqlite3_stmt *stmt_ = nullptr;
	int rc_ = SQLITE_OK;
};

Error sqlError(sqlite3 *db, int rc, std::string_view what)
{
	Error e = makeError(isCorruption(rc) ? Errc::Malformed : Errc::NotFound,
			    fmt::format("history: {}: {}", what, db ? sqlite3_errmsg(db) : sqlite3_errstr(rc)));
	// The primary result code rides along in the raw text so withRecovery() can tell
	// corruption from other failures without a second error type.
	e.raw = fmt::format("sqlite:{}", rc);
	return e;
}

bool errorIsCorruption(const Error &e)
{
	int rc = 0;
	return std::sscanf(e.raw.c_str(), "sqlite:%d", &rc) == 1 && isCorruption(rc);
}

Result<void> exec(sqlite3 *db, const char *sql)
{
	char *msg = nullptr;
	int rc = sqlite3_exec(db, sql, nullptr, nullptr, &msg);
	sqlite3_free(msg);
	if (rc != SQLITE_OK)
		return sqlError(db, rc, sql);
	return {};
}

} /* namespace */

HistoryStore::HistoryStore(std::string path, unsigned retentionDays, Clock now)
	: path_(std::move(path)), retentionDays_(retentionDays), now_(std::move(now))
{
	if (!now_)
		now_ = [] {
			return std::chrono::duration_cast<std::chrono::seconds>(
				       std::chrono::system_clock::now().time_since_epoch())
				.count();
		};
}

HistoryStore::~HistoryStore()
{
	closeDatabase();
}

Result<std::unique_ptr<HistoryStore>> HistoryStore::open(std::string path, unsigned retentionDays, Clock now)
{
	std::unique_ptr<HistoryStore> store(new HistoryStore(std::move(path), retentionDays, std::move(now)));
	auto opened = store->openDatabase();
	if (!opened && errorIsCorruption(opened.error()))
		opened = store->quarantine(opened.error().what);
	if (!opened)
		return opened.error();
	return store;
}

void HistoryStore::closeDatabase()
{
	if (db_) {
		sqlite3_close_v2(db_);
		db_ = nullptr;
	}
}

Result<void> HistoryStore::openDatabase()
{
	closeDatabase();
	// SQLite would create the file 0644 (SQLITE_DEFAULT_FILE_PERMISSIONS), readable by
	// every local user. Made here first with 0640 whatever the umask; SQLite gives the
	// -wal and -shm files the mode of the database file.
	if (int fd = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0640); fd >= 0) {
		(void)::fchmod(fd, 0640);
		::close(fd);
	}
	int rc = sqlite3_open_v2(path_.c_str(), &db_,
				 SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
	if (rc != SQLITE_OK) {
		Error e = sqlError(db_, rc, "open " + path_);
		closeDatabase();
		return e;
	}
	sqlite3_extended_result_codes(db_, 1);
	// A concurrent reader (sqlite3 CLI) may hold a lock for a moment.
	sqlite3_busy_timeout(db_, 2000);

	// The cheap check catches a file that is not a database or has broken pages before
	// the first insert does; it reads the whole (small: see docs) file once at start.
	{
		Statement check(db_, "PRAGMA quick_check");
		if (check.prepared() != SQLITE_OK)
			return sqlError(db_, check.prepared(), "quick_check");
		int step = check.step();
		if (step != SQLITE_ROW)
			return sqlError(db_, step, "quick_check");
		std::string verdict = check.text(0);
		if (verdict != "ok") {
			Error e = sqlError(db_, SQLITE_CORRUPT, "quick_check");
			e.what = "history: quick_check: " + verdict;
			return e;
		}
	}
	for (const char *sql : {
		     "PRAGMA journal_mode=WAL",
		     "PRAGMA synchronous=NORMAL",
		     // Two queries in one second are two readings: no uniqueness on (sim, at).
		     "CREATE TABLE IF NOT EXISTS reading ("
		     " sim TEXT NOT NULL, at INTEGER NOT NULL, source TEXT NOT NULL,"
		     " data_remaining INTEGER, data_total INTEGER, data_unlimited INTEGER NOT NULL,"
		     " money_minor INTEGER, money_scale INTEGER, currency TEXT, expires TEXT,"
		     " buckets TEXT)",
		     "CREATE INDEX IF NOT EXISTS reading_sim_at ON reading (sim, at)",
		     "CREATE TABLE IF NOT EXISTS usage_hour ("
		     " sim TEXT NOT NULL, hour INTEGER NOT NULL, bytes INTEGER NOT NULL,"
		     " PRIMARY KEY (sim, hour)) WITHOUT ROWID",
	     }) {
		if (auto r = exec(db_, sql); !r)
			return r;
	}
	// A file made before buckets were kept has no such column: add it (existing rows: NULL).
	{
		bool hasBuckets = false;
		Statement info(db_, "PRAGMA table_info(reading)");
		if (info.prepared() != SQLITE_OK)
			return sqlError(db_, info.prepared(), "table_info");
		int step;
		while ((step = info.step()) == SQLITE_ROW)
			hasBuckets = hasBuckets || info.text(1) == "buckets";
		if (step != SQLITE_DONE)
			return sqlError(db_, step, "table_info");
		if (!hasBuckets)
			if (auto r = exec(db_, "ALTER TABLE reading ADD COLUMN buckets TEXT"); !r)
				return r;
	}
	Statement version(db_, "PRAGMA user_version");
	if (version.prepared() == SQLITE_OK && version.step() == SQLITE_ROW) {
		std::int64_t v = version.integer(0);
		if (v == 0) {
			if (auto r = exec(db_, fmt::format("PRAGMA user_version={}", kSchemaVersion).c_str()); !r)
				return r;
		} else if (v != kSchemaVersion) {
			// A newer zanryod wrote this file; do not guess at its layout.
			Error e = sqlError(db_, SQLITE_NOTADB, "schema");
			e.what = fmt::format("history: {} has schema version {}, this zanryod knows {}", path_, v,
					     kSchemaVersion);
			return e;
		}
	}
	return {};
}

Result<void> HistoryStore::quarantine(const std::string &why)
{
	closeDatabase();
	std::string aside = fmt::format("{}.corrupt-{}", path_, now_());
	if (std::rename(path_.c_str(), aside.c_str()) != 0 && errno != ENOENT)
		return makeError(Errc::NotFound,
				 fmt::format("history: cannot move the corrupt {} aside: {}", path_, std::strerror(errno)));
	// The WAL and shared-memory files belong to the old database; a new one must not replay them.
	for (const char *suffix : { "-wal", "-shm" }) {
		std::string side = path_ + suffix;
		std::rename(side.c_str(), (aside + suffix).c_str());
	}
	quarantined_++;
	logError("{} (moved to {}; starting a new history)", why, aside);
	return openDatabase();
}

Result<void> HistoryStore::withRecovery(const std::function<Result<void>()> &body)
{
	if (!db_) {
		if (auto r = openDatabase(); !r && !errorIsCorruption(r.error()))
			return r;
		else if (!r)
			if (auto q = quarantine(r.error().what); !q)
				return q;
	}
	auto r = body();
	if (r || !errorIsCorruption(r.error()))
		return r;
	if (auto q = quarantine(r.error().what); !q)
		return q;
	return body();
}

void HistoryStore::maybePrune(std::int64_t now)
{
	if (lastPrune_ && now - *lastPrune_ < kPruneEvery && now >= *lastPrune_)
		return;
	lastPrune_ = now;
	if (auto r = prune(); !r)
		logWarning("{}", r.error().message());
}

Result<void> HistoryStore::prune()
{
	if (!db_)
		return makeError(Errc::NotFound, "history: the database is not open");
	std::int64_t cutoff = now_() - std::int64_t(retentionDays_) * 86400;
	for (const char *sql : { "DELETE FROM reading WHERE at < ?1", "DELETE FROM usage_hour WHERE hour < ?1" }) {
		Statement st(db_, sql);
		if (st.prepared() != SQLITE_OK)
			return sqlError(db_, st.prepared(), "prune");
		st.bind(1, cutoff);
		if (int rc = st.step(); rc != SQLITE_DONE)
			return sqlError(db_, rc, "prune");
	}
	return {};
}

Result<void> HistoryStore::recordReading(std::string_view simKey, const StoredBalance &stored)
{
	auto r = withRecovery([&]() -> Result<void> {
		Statement st(db_, "INSERT INTO reading (sim, at, source, data_remaining, data_total,"
				  " data_unlimited, money_minor, money_scale, currency, expires, buckets)"
				  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)");
		if (st.prepared() != SQLITE_OK)
			return sqlError(db_, st.prepared(), "insert reading");
		const Balance &b = stored.balance;
		st.bind(1, simKey);
		st.bind(2, stored.updatedAt);
		st.bind(3, stored.source);
		if (b.dataRemaining)
			st.bind(4, toSql(*b.dataRemaining));
		else
			st.bindNull(4);
		if (b.dataTotal)
			st.bind(5, toSql(*b.dataTotal));
		else
			st.bindNull(5);
		st.bind(6, std::int64_t(b.dataUnlimited ? 1 : 0));
		if (b.money) {
			st.bind(7, b.money->minor);
			st.bind(8, std::int64_t(b.money->scale));
			st.bind(9, b.money->currency);
		} else {
			st.bindNull(7);
			st.bindNull(8);
			st.bindNull(9);
		}
		if (b.expiry)
			st.bind(10, b.expiry->iso());
		else
			st.bindNull(10);
		if (b.buckets.empty())
			st.bindNull(11);
		else
			st.bind(11, serializeBuckets(b.buckets));
		if (int rc = st.step(); rc != SQLITE_DONE)
			return sqlError(db_, rc, "insert reading");
		return {};
	});
	if (r)
		maybePrune(now_());
	return r;
}

Result<void> HistoryStore::recordUsage(std::string_view simKey, std::int64_t hourStart, std::uint64_t bytes)
{
	auto r = withRecovery([&]() -> Result<void> {
		Statement st(db_, "INSERT INTO usage_hour (sim, hour, bytes) VALUES (?1, ?2, ?3)"
				  " ON CONFLICT (sim, hour) DO UPDATE SET bytes = bytes + excluded.bytes");
		if (st.prepared() != SQLITE_OK)
			return sqlError(db_, st.prepared(), "insert usage");
		st.bind(1, simKey);
		st.bind(2, floorHour(hourStart));
		st.bind(3, toSql(bytes));
		if (int rc = st.step(); rc != SQLITE_DONE)
			return sqlError(db_, rc, "insert usage");
		return {};
	});
	if (r)
		maybePrune(now_());
	return r;
}

Result<void> HistoryStore::adoptSim(std::string_view fromKey, std::string_view toKey)
{
	if (fromKey == toKey)
		return {};
	return withRecovery([&]() -> Result<void> {
		for (const char *sql : { "UPDATE reading SET sim = ?2 WHERE sim = ?1",
					 "UPDATE OR IGNORE usage_hour SET sim = ?2 WHERE sim = ?1" }) {
			Statement st(db_, sql);
			if (st.prepared() != SQLITE_OK)
				return sqlError(db_, st.prepared(), "adopt rows");
			st.bind(1, fromKey);
			st.bind(2, toKey);
			if (int rc = st.step(); rc != SQLITE_DONE)
				return sqlError(db_, rc, "adopt rows");
		}
		return {};
	});
}

Result<std::vector<HistoryReading>> HistoryStore::readings(std::string_view simKey, std::int64_t since)
{
	std::vector<HistoryReading> out;
	auto r = withRecovery([&]() -> Result<void> {
		out.clear();
		Statement st(db_, "SELECT at, source, data_remaining, data_total, data_unlimited, money_minor,"
				  " money_scale, currency, expires, buckets FROM reading WHERE sim = ?1 AND at >= ?2"
				  " ORDER BY at, rowid");
		if (st.prepared() != SQLITE_OK)
			return sqlError(db_, st.prepared(), "select readings");
		st.bind(1, simKey);
		st.bind(2, since);
		int rc;
		while ((rc = st.step()) == SQLITE_ROW) {
			HistoryReading h;
			h.at = st.integer(0);
			h.source = st.text(1);
			if (!st.isNull(2))
				h.dataRemaining = std::uint64_t(std::max<std::int64_t>(0, st.integer(2)));
			if (!st.isNull(3))
				h.dataTotal = std::uint64_t(std::max<std::int64_t>(0, st.integer(3)));
			h.dataUnlimited = st.integer(4) != 0;
			if (!st.isNull(5))
				h.money = Money{ st.integer(5), int(st.integer(6)), st.text(7) };
			if (!st.isNull(8)) {
				Date d;
				if (std::sscanf(st.text(8).c_str(), "%4d-%2d-%2d", &d.year, &d.month, &d.day) == 3 &&
				    d.valid())
					h.expiry = d;
			}
			if (!st.isNull(9)) {
				// A row whose buckets do not parse keeps its other values.
				if (auto k = parseBuckets(st.text(9)))
					h.buckets = std::move(k).value();
				else
					logWarning("history: a reading at {}: {}", h.at, k.error().what);
			}
			out.push_back(std::move(h));
		}
		if (rc != SQLITE_DONE)
			return sqlError(db_, rc, "select readings");
		return {};
	});
	if (!r)
		return r.error();
	return out;
}

Result<std::vector<HourlyUsage>> HistoryStore::usage(std::string_view simKey, std::int64_t since)
{
	std::vector<HourlyUsage> out;
	auto r = withRecovery([&]() -> Result<void> {
		out.clear();
		Statement st(db_, "SELECT hour, bytes FROM usage_hour WHERE sim = ?1 AND hour >= ?2 ORDER BY hour");
		if (st.prepared() != SQLITE_OK)
			return sqlError(db_, st.prepared(), "select usage");
		st.bind(1, simKey);
		st.bind(2, floorHour(since));
		int rc;
		while ((rc = st.step()) == SQLITE_ROW)
			out.push_back(HourlyUsage{ st.integer(0), std::uint64_t(std::max<std::int64_t>(0, st.integer(1))) });
		if (rc != SQLITE_DONE)
			return sqlError(db_, rc, "select usage");
		return {};
	});
	if (!r)
		return r.error();
	return out;
}

} /* namespace zanryo */
