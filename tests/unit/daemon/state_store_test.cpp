#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "state_store.hpp"

namespace zanryo {
namespace {

namespace fs = std::filesystem;

class StateStoreTest : public testing::Test
{
protected:
	void SetUp() override
	{
		char tmpl[] = "/tmp/zanryo-state-XXXXXX";
		ASSERT_NE(::mkdtemp(tmpl), nullptr);
		dir_ = tmpl;
	}
	void TearDown() override { fs::remove_all(dir_); }

	static StoredBalance sample()
	{
		StoredBalance s;
		s.updatedAt = 1795000000;
		s.source = "sms:3080:残高";
		s.balance.money = Money{ -320, 2, "RUB" };
		s.balance.dataRemaining = 1342177280;
		s.balance.expiry = Date{ 2026, 12, 31 };
		s.balance.raw = "【データ残量】1.25GB";
		s.balance.matchedRule = "generic";
		return s;
	}

	std::string dir_;
};

TEST_F(StateStoreTest, roundTripKeepsEveryField)
{
	StateStore store(dir_);
	std::string key = store.simKey("8981100000000000000", "440101234567890");
	ASSERT_TRUE(store.save(key, sample()).ok());
	auto loaded = store.load(key);
	ASSERT_TRUE(loaded.ok()) << loaded.error().message();
	ASSERT_TRUE(loaded->has_value());
	const StoredBalance &s = **loaded;
	EXPECT_EQ(s.updatedAt, 1795000000);
	EXPECT_EQ(s.source, "sms:3080:残高");
	ASSERT_TRUE(s.balance.money);
	EXPECT_EQ(s.balance.money->toDecimal(), "-3.20");
	EXPECT_EQ(s.balance.money->currency, "RUB");
	EXPECT_EQ(s.balance.dataRemaining, 1342177280u);
	EXPECT_FALSE(s.balance.dataTotal);
	EXPECT_EQ(s.balance.expiry, (Date{ 2026, 12, 31 }));
	EXPECT_EQ(s.balance.raw, "【データ残量】1.25GB");
	// No temp file is left behind.
	for (auto &e : fs::directory_iterator(dir_))
		EXPECT_EQ(e.path().filename().string().find(".tmp"), std::string::npos);
}

TEST_F(StateStoreTest, noticeFieldsRoundTripAndOldFilesReadAsNoNotice)
{
	StoredBalance n = sample();
	n.source = "notice:3080";
	n.balance.dataUsedPercent = 80;
	n.balance.throttled = true;
	n.balance.dataLow = true;
	auto back = parseStoredBalance(serializeStoredBalance(n));
	ASSERT_TRUE(back.ok()) << back.error().message();
	EXPECT_EQ(back->balance.dataUsedPercent, 80);
	EXPECT_TRUE(back->balance.throttled);
	EXPECT_TRUE(back->balance.dataLow);
	EXPECT_FALSE(back->balance.dataExhausted);

	std::string old = serializeStoredBalance(sample());
	for (const char *key : { "dataUsedPercent", "dataExhausted", "throttled", "dataLow" }) {
		auto at = old.find(std::string("\"") + key + "\"");
		ASSERT_NE(at, std::string::npos) << key;
		old.erase(at, old.find('\n', at) + 1 - at);
	}
	auto earlier = parseStoredBalance(old);
	ASSERT_TRUE(earlier.ok()) << earlier.error().message() << "\n" << old;
	EXPECT_FALSE(earlier->balance.dataUsedPercent);
	EXPECT_FALSE(earlier->balance.throttled);

	std::string bad = serializeStoredBalance(n);
	bad.replace(bad.find("\"dataUsedPercent\": 80"), 21, "\"dataUsedPercent\": 5000");
	auto rejected = parseStoredBalance(bad);
	ASSERT_FALSE(rejected.ok());
	EXPECT_NE(rejected.error().message().find("dataUsedPercent"), std::string::npos);
}

TEST_F(StateStoreTest, bucketsRepairAndInferenceRoundTrip)
{
	StateStore store(dir_);
	StoredBalance s = sample();
	s.balance.buckets = {
		{ "main", "", Money{ 12550, 2, "RUB" }, {}, {}, Date{ 2026, 12, 31 } },
		{ "main", "geschenkguthaben", Money{ 1, 2, "EUR" }, {}, {}, {} },
		{ "data", "", {}, 3435973837ull, {}, Date{ 2026, 11, 30 } },
		{ "sms", "", {}, {}, 100u, {} },
		{ "other", "roaming", Money{ 500, 2, "" }, 1048576ull, {}, {} },
	};
	s.balance.repaired = "ucs2-low-bytes";
	s.balance.inferred = { "expires" };
	s.damaged = "user data shorter than TP-UDL";
	ASSERT_TRUE(store.save("k", s).ok());
	auto loaded = store.load("k");
	ASSERT_TRUE(loaded.ok()) << loaded.error().message();
	ASSERT_TRUE(loaded->has_value());
	EXPECT_EQ((*loaded)->balance.buckets, s.balance.buckets);
	EXPECT_EQ((*loaded)->balance.repaired, "ucs2-low-bytes");
	EXPECT_EQ((*loaded)->balance.inferred, std::vector<std::string>{ "expires" });
	EXPECT_EQ((*loaded)->damaged, "user data shorter than TP-UDL");
}

TEST_F(StateStoreTest, fileOfAnOlderZanryodReadsAsNoBuckets)
{
	// As zanryod wrote it before buckets, repair and inference marks were kept.
	std::string old = R"({"version": 1, "updatedAt": 1795000000, "source": "ussd:*100#",
		"money": {"minor": 12550, "scale": 2, "currency": "RUB"}, "dataRemaining": null,
		"dataTotal": null, "dataUnlimited": false, "expiry": null, "raw": "Баланс 125.50",
		"matchedRule": "generic"})";
	auto parsed = parseStoredBalance(old);
	ASSERT_TRUE(parsed.ok()) << parsed.error().message();
	EXPECT_TRUE(parsed->balance.buckets.empty());
	EXPECT_EQ(parsed->balance.repaired, "");
	EXPECT_TRUE(parsed->balance.inferred.empty());
	EXPECT_EQ(parsed->damaged, "");
	ASSERT_TRUE(parsed->balance.money);
	EXPECT_EQ(parsed->balance.money->toDecimal(), "125.50");
}

TEST_F(StateStoreTest, badBucketIsAnErrorNamingIt)
{
	std::string text = serializeStoredBalance(sample());
	auto withBuckets = [&](const std::string &buckets) {
		std::string t = text;
		auto at = t.rfind('}');
		return t.substr(0, at) + ", \"buckets\": " + buckets + "}";
	};
	struct Case {
		const char *buckets;
		const char *error;
	} cases[] = {
		{ R"([{"kind": "credit"}])", "buckets[0].kind must be one of" },
		{ R"([{"kind": "data"}, {"kind": "data", "dataBytes": -5}])", "buckets[1].dataBytes must be" },
		{ R"([{"kind": "main", "money": {"minor": 1}}])", "buckets[0].money must be" },
		{ R"([{"kind": "data", "expiry": "2026-02-30"}])", "buckets[0].expiry must be" },
		{ R"({"kind": "data"})", "buckets must be an array" },
	};
	for (const Case &c : cases) {
		SCOPED_TRACE(c.buckets);
		auto parsed = parseStoredBalance(withBuckets(c.buckets));
		ASSERT_FALSE(parsed.ok());
		EXPECT_NE(parsed.error().what.find(c.error), std::string::npos) << parsed.error().what;
	}
}

TEST_F(StateStoreTest, keyHidesIccidAndIsStable)
{
	StateStore store(dir_);
	ASSERT_TRUE(store.useInstallationSecret().ok());
	std::string a = store.simKey("8981100000000000000", "");
	EXPECT_EQ(a.size(), 16u);
	EXPECT_EQ(a, store.simKey("8981100000000000000", "other-imsi"));
	EXPECT_NE(a, store.simKey("8981100000000000001", ""));
	EXPECT_EQ(a.find("8981"), std::string::npos);
	// Keyed: not the unkeyed hash anyone could recompute from a guessed ICCID.
	EXPECT_NE(a, StateStore::legacySimKey("8981100000000000000", ""));
	EXPECT_EQ(StateStore::legacySimKey("8981100000000000000", "").size(), 16u);
}

TEST_F(StateStoreTest, installationSecretIsPrivateAndStableAcrossRestarts)
{
	StateStore first(dir_);
	auto created = first.useInstallationSecret();
	ASSERT_TRUE(created.ok()) << created.error().message();
	EXPECT_NE(created->find("new installation secret"), std::string::npos) << *created;
	const std::string path = dir_ + "/installation.key";
	EXPECT_EQ(fs::status(path).permissions() & fs::perms::all, fs::perms::owner_read | fs::perms::owner_write);

	StateStore second(dir_);
	auto loaded = second.useInstallationSecret();
	ASSERT_TRUE(loaded.ok());
	EXPECT_NE(loaded->find("loaded"), std::string::npos) << *loaded;
	EXPECT_EQ(first.simKey("8981100000000000000", ""), second.simKey("8981100000000000000", ""));

	// Another installation (another state directory) gets other keys for the same SIM.
	char tmpl[] = "/tmp/zanryo-state-XXXXXX";
	ASSERT_NE(::mkdtemp(tmpl), nullptr);
	StateStore other(tmpl);
	ASSERT_TRUE(other.useInstallationSecret().ok());
	EXPECT_NE(other.simKey("8981100000000000000", ""), first.simKey("8981100000000000000", ""));
	fs::remove_all(tmpl);
}

TEST_F(StateStoreTest, damagedSecretIsKeptAsideAndReplaced)
{
	const std::string path = dir_ + "/installation.key";
	std::ofstream(path) << "not a secret\n";
	StateStore store(dir_);
	auto r = store.useInstallationSecret();
	ASSERT_TRUE(r.ok()) << r.error().message();
	EXPECT_NE(r->find("installation.key.corrupt"), std::string::npos) << *r;
	std::ifstream kept(path + ".corrupt");
	std::string text;
	std::getline(kept, text);
	EXPECT_EQ(text, "not a secret");
	EXPECT_NE(store.simKey("8981100000000000000", ""), StateStore::legacySimKey("8981100000000000000", ""));
}

TEST_F(StateStoreTest, legacyFilesAreAdoptedWithoutOverwritingAnything)
{
	StateStore store(dir_);
	ASSERT_TRUE(store.useInstallationSecret().ok());
	std::string legacy = StateStore::legacySimKey("8981100000000000000", "");
	std::string key = store.simKey("8981100000000000000", "");
	StateStore unkeyed(dir_);  // zanryo before the secret: unkeyed names
	ASSERT_TRUE(unkeyed.save(legacy, sample()).ok());
	std::ofstream(dir_ + "/usage-" + legacy + ".json") << "{}";

	auto moved = store.adoptLegacyFiles(legacy, key);
	ASSERT_TRUE(moved.ok()) << moved.error().message();
	EXPECT_EQ(*moved, 2u);
	EXPECT_FALSE(fs::exists(dir_ + "/sim-" + legacy + ".json"));
	auto loaded = store.load(key);
	ASSERT_TRUE(loaded.ok() && loaded->has_value());
	EXPECT_EQ((*loaded)->source, "sms:3080:残高");
	EXPECT_TRUE(fs::exists(dir_ + "/usage-" + key + ".json"));

	// A legacy file whose keyed file exists already stays where it is, and both survive.
	ASSERT_TRUE(unkeyed.save(legacy, sample()).ok());
	moved = store.adoptLegacyFiles(legacy, key);
	ASSERT_TRUE(moved.ok());
	EXPECT_EQ(*moved, 0u);
	EXPECT_TRUE(fs::exists(dir_ + "/sim-" + legacy + ".json"));
	EXPECT_TRUE(fs::exists(dir_ + "/sim-" + key + ".json"));
}

TEST_F(StateStoreTest, nothingStoredIsNotAnError)
{
	StateStore store(dir_);
	auto loaded = store.load("0123456789abcdef");
	ASSERT_TRUE(loaded.ok());
	EXPECT_FALSE(loaded->has_value());
}

TEST_F(StateStoreTest, corruptFileIsReportedAndMovedAside)
{
	StateStore store(dir_);
	std::ofstream(store.pathFor("k")) << "{\"version\":1,\"updatedAt\":\"yesterday\"}";
	auto loaded = store.load("k");
	ASSERT_FALSE(loaded.ok());
	EXPECT_NE(loaded.error().message().find("updatedAt"), std::string::npos);
	EXPECT_TRUE(fs::exists(store.pathFor("k") + ".corrupt"));
	EXPECT_TRUE(store.save("k", sample()).ok()) << "the next save works";
	EXPECT_TRUE(store.load("k").ok());
}

TEST_F(StateStoreTest, truncatedFileIsCorruptNotEmpty)
{
	StateStore store(dir_);
	ASSERT_TRUE(store.save("k", sample()).ok());
	std::string full;
	{
		std::ifstream in(store.pathFor("k"));
		full.assign(std::istreambuf_iterator<char>(in), {});
	}
	std::ofstream(store.pathFor("k"), std::ios::trunc) << full.substr(0, full.size() / 2);
	EXPECT_FALSE(store.load("k").ok());
}

TEST_F(StateStoreTest, unwritableDirectoryIsAnError)
{
	StateStore store(dir_ + "/does-not-exist");
	auto r = store.save("k", sample());
	ASSERT_FALSE(r.ok());
	EXPECT_NE(r.error().message().find("does-not-exist"), std::string::npos);
}

TEST_F(StateStoreTest, staleTemporariesOfKilledRunsAreRemoved)
{
	StateStore store(dir_);
	ASSERT_TRUE(store.save("k", sample()).ok());
	const std::string path = store.pathFor("k");
	std::ofstream(path + ".tmp.4242") << "{\"version\": 1, \"upda";
	std::ofstream(dir_ + "/usage-k.json.tmp.7") << "";
	std::ofstream(dir_ + "/notes.tmp.txt") << "kept: not a temporary of ours";
	fs::create_directory(dir_ + "/sms-parts-x.tmp.9");

	EXPECT_EQ(removeStaleTemporaries(dir_), 2u);
	EXPECT_FALSE(fs::exists(path + ".tmp.4242"));
	EXPECT_FALSE(fs::exists(dir_ + "/usage-k.json.tmp.7"));
	EXPECT_TRUE(fs::exists(dir_ + "/notes.tmp.txt"));
	EXPECT_TRUE(fs::is_directory(dir_ + "/sms-parts-x.tmp.9"));
	auto loaded = store.load("k");
	ASSERT_TRUE(loaded.ok());
	ASSERT_TRUE(loaded->has_value());
	EXPECT_EQ((*loaded)->updatedAt, sample().updatedAt);
	EXPECT_EQ(removeStaleTemporaries(dir_ + "/does-not-exist"), 0u);
}

} // namespace
} // namespace zanryo
