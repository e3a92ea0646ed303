// Files zanryod creates hold SIM identities and readings: 0640 (root and group zanryo)
// whatever the umask the daemon was started with. Each case runs under the most
// permissive umask, 0000.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <string>

#include <sys/stat.h>

#include "history_store.hpp"
#include "state_store.hpp"

namespace zanryo {
namespace {

namespace fs = std::filesystem;

unsigned modeOf(const std::string &path)
{
	struct stat st {};
	if (::stat(path.c_str(), &st) != 0)
		return 07777;
	return st.st_mode & 07777;
}

class FileModes : public testing::Test
{
protected:
	void SetUp() override
	{
		char tmpl[] = "/tmp/zanryo-modes-XXXXXX";
		ASSERT_NE(::mkdtemp(tmpl), nullptr);
		dir = tmpl;
		oldMask = ::umask(0);
	}
	void TearDown() override
	{
		::umask(oldMask);
		fs::remove_all(dir);
	}

	static StoredBalance reading()
	{
		StoredBalance s;
		s.updatedAt = 1795132800;
		s.source = "ussd:*100#";
		s.balance.money = Money{ 12550, 2, "RUB" };
		return s;
	}

	std::string dir;
	mode_t oldMask = 022;
};

TEST_F(FileModes, stateFileIs0640UnderUmask000)
{
	StateStore store(dir);
	ASSERT_TRUE(store.save("0123456789abcdef", reading()).ok());
	EXPECT_EQ(modeOf(dir + "/sim-0123456789abcdef.json"), 0640u);
}

TEST_F(FileModes, atomicallyWrittenFileIs0640UnderUmask000)
{
	// The usage state (usage-<sim>.json) is written the same way.
	ASSERT_TRUE(writeFileAtomically(dir + "/usage-0123456789abcdef.json", "{}").ok());
	EXPECT_EQ(modeOf(dir + "/usage-0123456789abcdef.json"), 0640u);
}

TEST_F(FileModes, historyDatabaseAndItsWalAre0640UnderUmask000)
{
	std::string path = dir + "/history.sqlite";
	auto store = HistoryStore::open(path, 90, [] { return std::int64_t(1795132800); });
	ASSERT_TRUE(store.ok()) << store.error().message();
	ASSERT_TRUE((*store)->recordReading("0123456789abcdef", reading()).ok());
	EXPECT_EQ(modeOf(path), 0640u);
	for (const char *side : { "-wal", "-shm" }) {
		if (fs::exists(path + side)) {
			EXPECT_EQ(modeOf(path + side), 0640u) << side;
		}
	}
	EXPECT_TRUE(fs::exists(path + "-wal")) << "journal_mode=WAL: the side file was checked";
}

TEST_F(FileModes, existingHistoryDatabaseKeepsItsOwnersMode)
{
	// The user's data is theirs: a mode they chose is not changed.
	std::string path = dir + "/history.sqlite";
	{
		auto store = HistoryStore::open(path, 90, [] { return std::int64_t(1795132800); });
		ASSERT_TRUE(store.ok()) << store.error().message();
	}
	ASSERT_EQ(::chmod(path.c_str(), 0600), 0);
	auto again = HistoryStore::open(path, 90, [] { return std::int64_t(1795132800); });
	ASSERT_TRUE(again.ok()) << again.error().message();
	EXPECT_EQ(modeOf(path), 0600u);
}

} // namespace
} // namespace zanryo
