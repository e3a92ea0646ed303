#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include <sqlite3.h>

#include "history_store.hpp"

namespace zanryo {
namespace {

namespace fs = std::filesystem;

// 2026-11-20 00:00:00 UTC
constexpr std::int64_t kDay0 = 1795132800;

class HistoryStoreTest : public testing::Test
{
protected:
	void SetUp() override
	{
		char tmpl[] = "/tmp/zanryo-history-XXXXXX";
		ASSERT_NE(::mkdtemp(tmpl), nullptr);
		dir_ = tmpl;
		path_ = dir_ + "/history.sqlite";
	}
	void TearDown() override { fs::remove_all(dir_); }

	std::unique_ptr<HistoryStore> open(unsigned days = 90)
	{
		auto s = HistoryStore::open(path_, days, [this] { return now_; });
		EXPECT_TRUE(s.ok()) << s.error().message();
		return s ? std::move(s).value() : nullptr;
	}

	/// The Japanese MVNO reply of the jp-mvno scenario: data and expiry, no money.
	static StoredBalance jpMvno(std::int64_t at, std::uint64_t remaining)
	{
		StoredBalance s;
		s.updatedAt = at;
		s.source = "sms:00000:残高";
		s.balance.dataRemaining = remaining;
		s.balance.dataTotal = 3ull << 30;
		s.balance.expiry = Date{ 2026, 12, 31 };
		s.balance.raw = "【データ残量】1.25GB";
		return s;
	}

	/// The Russian prepaid reply: money in kopecks.
	static StoredBalance ruPrepaid(std::int64_t at)
	{
		StoredBalance s;
		s.updatedAt = at;
		s.source = "ussd:*100#";
		s.balance.money = Money{ 12550, 2, "RUB" };
		return s;
	}

	std::string dir_;
	std::string path_;
	std::int64_t now_ = kDay0;
};

TEST_F(HistoryStoreTest, readingsRoundTripEveryFieldOldestFirst)
{
	auto store = open();
	ASSERT_TRUE(store);
	ASSERT_TRUE(store->recordReading("aaaa", jpMvno(kDay0 + 7200, 1342177280)).ok());
	ASSERT_TRUE(store->recordReading("aaaa", ruPrepaid(kDay0 + 3600)).ok());
	auto rows = store->readings("aaaa", 0);
	ASSERT_TRUE(rows.ok()) << rows.error().message();
	ASSERT_EQ(rows->size(), 2u);
	const HistoryReading &ru = (*rows)[0];
	EXPECT_EQ(ru.at, kDay0 + 3600);
	EXPECT_EQ(ru.source, "ussd:*100#");
	EXPECT_FALSE(ru.dataRemaining);
	EXPECT_FALSE(ru.dataTotal);
	ASSERT_TRUE(ru.money);
	EXPECT_EQ(ru.money->toDecimal(), "125.50");
	EXPECT_EQ(ru.money->currency, "RUB");
	EXPECT_FALSE(ru.expiry);
	const HistoryReading &jp = (*rows)[1];
	EXPECT_EQ(jp.source, "sms:00000:残高");
	EXPECT_EQ(jp.dataRemaining, 1342177280u);
	EXPECT_EQ(jp.dataTotal, 3ull << 30);
	EXPECT_FALSE(jp.money);
	EXPECT_EQ(jp.expiry, (Date{ 2026, 12, 31 }));
}

TEST_F(HistoryStoreTest, bucketsRoundTripAndReadingsWithoutThemHaveNone)
{
	auto store = open();
	ASSERT_TRUE(store);
	StoredBalance with = ruPrepaid(kDay0 + 60);
	with.balance.buckets = {
		{ "main", "", Money{ 12550, 2, "RUB" }, {}, {}, Date{ 2026, 12, 31 } },
		{ "bonus", "", Money{ 3000, 2, "RUB" }, {}, {}, {} },
		{ "data", "", {}, 1073741824ull, {}, Date{ 2026, 11, 30 } },
	};
	ASSERT_TRUE(store->recordReading("aaaa", with).ok());
	ASSERT_TRUE(store->recordReading("aaaa", ruPrepaid(kDay0 + 120)).ok());
	auto rows = store->readings("aaaa", 0);
	ASSERT_TRUE(rows.ok()) << rows.error().message();
	ASSERT_EQ(rows->size(), 2u);
	EXPECT_EQ((*rows)[0].buckets, with.balance.buckets);
	EXPECT_TRUE((*rows)[1].buckets.empty());
}

TEST_F(HistoryStoreTest, fileOfAnOlderZanryodGainsBucketsAndKeepsItsRows)
{
	// The layout zanryod wrote before buckets were kept, with one reading in it.
	{
		sqlite3 *db = nullptr;
		ASSERT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
		const char *sql =
			"CREATE TABLE reading (sim TEXT NOT NULL, at INTEGER NOT NULL, source TEXT NOT NULL,"
			" data_remaining INTEGER, data_total INTEGER, data_unlimited INTEGER NOT NULL,"
			" money_minor INTEGER, money_scale INTEGER, currency TEXT, expires TEXT);"
			"CREATE TABLE usage_hour (sim TEXT NOT NULL, hour INTEGER NOT NULL, bytes INTEGER NOT NULL,"
			" PRIMARY KEY (sim, hour)) WITHOUT ROWID;"
			"INSERT INTO reading VALUES ('aaaa', 1795132900, 'ussd:*100#', NULL, NULL, 0, 12550, 2,"
			" 'RUB', '2026-12-31');"
			"PRAGMA user_version=1;";
		ASSERT_EQ(sqlite3_exec(db, sql, nullptr, nullptr, nullptr), SQLITE_OK);
		sqlite3_close(db);
	}
	auto store = open();
	ASSERT_TRUE(store);
	EXPECT_EQ(store->quarantined(), 0u);
	StoredBalance with = ruPrepaid(kDay0 + 200);
	with.balance.buckets = { { "bonus", "", Money{ 3000, 2, "RUB" }, {}, {}, {} } };
	ASSERT_TRUE(store->recordReading("aaaa", with).ok());
	auto rows = store->readings("aaaa", 0);
	ASSERT_TRUE(rows.ok()) << rows.error().message();
	ASSERT_EQ(rows->size(), 2u);
	EXPECT_EQ((*rows)[0].at, 1795132900);
	ASSERT_TRUE((*rows)[0].money);
	EXPECT_EQ((*rows)[0].money->toDecimal(), "125.50");
	EXPECT_EQ((*rows)[0].expiry, (Date{ 2026, 12, 31 }));
	EXPECT_TRUE((*rows)[0].buckets.empty());
	EXPECT_EQ((*rows)[1].buckets, with.balance.buckets);
}

TEST_F(HistoryStoreTest, twoQueriesInOneSecondAreTwoReadingsAndSimsAreSeparate)
{
	auto store = open();
	ASSERT_TRUE(store);
	ASSERT_TRUE(store->recordReading("aaaa", ruPrepaid(kDay0)).ok());
	StoredBalance later = ruPrepaid(kDay0);
	later.balance.money->minor = 12000;
	ASSERT_TRUE(store->recordReading("aaaa", later).ok());
	ASSERT_TRUE(store->recordReading("bbbb", jpMvno(kDay0, 1)).ok());
	auto a = store->readings("aaaa", 0);
	ASSERT_EQ(a->size(), 2u);
	EXPECT_EQ((*a)[1].money->minor, 12000) << "insertion order within a second";
	ASSERT_EQ(store->readings("bbbb", 0)->size(), 1u);
	EXPECT_EQ(store->readings("bbbb", 0)->front().dataRemaining, 1u);
	EXPECT_TRUE(store->readings("cccc", 0)->empty());
	EXPECT_EQ(store->readings("aaaa", kDay0 + 1)->size(), 0u) << "only rows at or after since";
}

TEST_F(HistoryStoreTest, usageAddsDeltasPerClockHour)
{
	auto store = open();
	ASSERT_TRUE(store);
	// A counter sampling every few minutes reports deltas; they add up within the hour.
	ASSERT_TRUE(store->recordUsage("aaaa", kDay0 + 120, 1000).ok());
	ASSERT_TRUE(store->recordUsage("aaaa", kDay0 + 3599, 24).ok());
	ASSERT_TRUE(store->recordUsage("aaaa", kDay0 + 3600, 5).ok());
	ASSERT_TRUE(store->recordUsage("bbbb", kDay0, 7).ok());
	auto rows = store->usage("aaaa", kDay0);
	ASSERT_TRUE(rows.ok()) << rows.error().message();
	ASSERT_EQ(rows->size(), 2u);
	EXPECT_EQ((*rows)[0], (HourlyUsage{ kDay0, 1024 }));
	EXPECT_EQ((*rows)[1], (HourlyUsage{ kDay0 + 3600, 5 }));
	// since rounds down to its hour, so the hour in progress is included.
	EXPECT_EQ(store->usage("aaaa", kDay0 + 3700)->size(), 1u);
}

TEST_F(HistoryStoreTest, adoptSimMovesRowsAndKeepsAnHourTheNewKeyHas)
{
	auto store = open();
	ASSERT_TRUE(store);
	ASSERT_TRUE(store->recordReading("legacy", ruPrepaid(kDay0)).ok());
	ASSERT_TRUE(store->recordUsage("legacy", kDay0, 10).ok());
	ASSERT_TRUE(store->recordUsage("legacy", kDay0 + 3600, 20).ok());
	ASSERT_TRUE(store->recordUsage("keyed", kDay0 + 3600, 5).ok());
	ASSERT_TRUE(store->recordReading("other", jpMvno(kDay0, 1)).ok());

	ASSERT_TRUE(store->adoptSim("legacy", "keyed").ok());
	EXPECT_EQ(store->readings("keyed", 0)->size(), 1u);
	EXPECT_TRUE(store->readings("legacy", 0)->empty());
	auto usage = store->usage("keyed", 0);
	ASSERT_EQ(usage->size(), 2u);
	EXPECT_EQ((*usage)[0], (HourlyUsage{ kDay0, 10 }));
	EXPECT_EQ((*usage)[1], (HourlyUsage{ kDay0 + 3600, 5 })) << "the keyed hour keeps its own count";
	// The clashing old hour is not lost: it stays under the old key.
	ASSERT_EQ(store->usage("legacy", 0)->size(), 1u);
	EXPECT_EQ(store->readings("other", 0)->size(), 1u) << "other SIMs are untouched";
}

TEST_F(HistoryStoreTest, rowsOlderThanRetentionArePrunedOnInsert)
{
	auto store = open(7);
	ASSERT_TRUE(store);
	ASSERT_TRUE(store->recordReading("aaaa", ruPrepaid(kDay0)).ok());
	ASSERT_TRUE(store->recordUsage("aaaa", kDay0, 10).ok());
	now_ = kDay0 + 6 * 86400;
	ASSERT_TRUE(store->recordReading("aaaa", ruPrepaid(now_)).ok());
	EXPECT_EQ(store->readings("aaaa", 0)->size(), 2u) << "6 days old is inside 7 days";
	now_ = kDay0 + 8 * 86400;
	ASSERT_TRUE(store->recordReading("aaaa", ruPrepaid(now_)).ok());
	auto rows = store->readings("aaaa", 0);
	ASSERT_EQ(rows->size(), 2u);
	EXPECT_EQ(rows->front().at, kDay0 + 6 * 86400);
	EXPECT_TRUE(store->usage("aaaa", 0)->empty());
}

TEST_F(HistoryStoreTest, survivesReopen)
{
	{
		auto store = open();
		ASSERT_TRUE(store);
		ASSERT_TRUE(store->recordReading("aaaa", jpMvno(kDay0, 42)).ok());
	}
	auto store = open();
	ASSERT_TRUE(store);
	ASSERT_EQ(store->readings("aaaa", 0)->size(), 1u);
	EXPECT_EQ(store->quarantined(), 0u);
}

TEST_F(HistoryStoreTest, fileThatIsNotADatabaseIsMovedAsideAndRecreated)
{
	{
		std::ofstream junk(path_, std::ios::binary);
		junk << std::string(8192, 'x');
	}
	auto store = open();
	ASSERT_TRUE(store);
	EXPECT_EQ(store->quarantined(), 1u);
	std::string aside = path_ + ".corrupt-" + std::to_string(kDay0);
	ASSERT_TRUE(fs::exists(aside));
	EXPECT_EQ(fs::file_size(aside), 8192u) << "the old file is kept for study";
	ASSERT_TRUE(store->recordReading("aaaa", ruPrepaid(kDay0)).ok());
	EXPECT_EQ(store->readings("aaaa", 0)->size(), 1u);
}

TEST_F(HistoryStoreTest, brokenPagesAreFoundAtOpenAndQuarantined)
{
	{
		auto store = open();
		ASSERT_TRUE(store);
		for (int i = 0; i < 400; i++)
			ASSERT_TRUE(store->recordReading("aaaa", jpMvno(kDay0 + i * 60, std::uint64_t(i) << 20)).ok());
	}
	ASSERT_GT(fs::file_size(path_), 3 * 4096u);
	{
		// Overwrite the second page (a b-tree page of the tables) with garbage.
		std::fstream f(path_, std::ios::in | std::ios::out | std::ios::binary);
		f.seekp(4096);
		std::string garbage(4096, '\xab');
		f.write(garbage.data(), std::streamsize(garbage.size()));
	}
	auto store = open();
	ASSERT_TRUE(store);
	EXPECT_EQ(store->quarantined(), 1u);
	EXPECT_TRUE(store->readings("aaaa", 0)->empty());
	ASSERT_TRUE(store->recordUsage("aaaa", kDay0, 1).ok());
}

TEST_F(HistoryStoreTest, missingDirectoryIsAnError)
{
	auto s = HistoryStore::open(dir_ + "/no/such/dir/history.sqlite", 90);
	ASSERT_FALSE(s.ok());
	EXPECT_NE(s.error().message().find("history"), std::string::npos) << s.error().message();
}

} // namespace
} // namespace zanryo
