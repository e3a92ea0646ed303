// Object path ids and state file names are keyed with a per-installation secret
// (docs/dbus-api.md, the Modem interface): a state directory of zanryo before the secret is
// adopted, the reading it kept is published again under the new id, and the id is stable
// across restarts. Real dbus-daemon, zanryod and zanryo-modem-sim.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <sys/stat.h>

#include "support/private_bus.hpp"
#include "support/sim_modem.hpp"
#include "support/wait.hpp"

namespace zanryo::test {
namespace {

using namespace std::chrono_literals;
namespace fs = std::filesystem;

constexpr const char *kIccid = "8970101234567890123";
constexpr const char *kBalance = "org.zanryo.Zanryo1.Balance";

constexpr const char *kScenario = R"(
[modem]
manufacturer = "huawei"
model = "E3372"
quirk = "huawei"
[sim]
imsi = "250010123456789"
iccid = "8970101234567890123"
[network]
mcc = "250"
mnc = "01"
ussd_delay_ms = 5
[[ussd]]
code = "*100#"
text = "Баланс: 125.50 руб. Интернет: 3.2 ГБ до 31.12.2026"
)";

/// What zanryo 0.1 named a SIM: 16 hex digits of the unkeyed SHA-256 of "iccid:<ICCID>",
/// computed here with coreutils, independently of zanryod's own SHA-256.
std::string unkeyedId(const std::string &iccid)
{
	auto r = Process::run("/bin/sh", { "-c", "printf %s \"iccid:$0\" | sha256sum", iccid }, 5s);
	EXPECT_EQ(r.exitCode, 0) << r.err;
	return r.out.substr(0, 16);
}

std::string idOf(const std::string &path)
{
	return path.substr(path.rfind('/') + 1);
}

TEST(StateKey, unkeyedStateIsAdoptedAndTheKeyedIdIsStable)
{
	auto sim = SimModem::fromToml(kScenario);
	PrivateBus bus;
	TempDir state;
	const std::string config = "[[modem]]\ndevice = \"" + sim->link() +
				   "\"\nmethod = \"ussd\"\nussd = \"*100#\"\nmin_interval = \"0s\"\npoll_interval = \"24h\"\n";
	const std::string legacy = unkeyedId(kIccid);
	ASSERT_EQ(legacy.size(), 16u);

	// A reading taken by this zanryod, then its state directory made into one of zanryo
	// before the secret: no installation.key, the state file under the unkeyed id.
	std::string keyedBefore;
	{
		Zanryod daemon(bus, { config, {}, state.path() });
		daemon.waitReady();
		std::string path = modemObjectPath(bus, within(20s));
		ASSERT_FALSE(path.empty()) << daemon.log();
		keyedBefore = idOf(path);
		EXPECT_NE(keyedBefore, legacy) << "the id is keyed, not the plain hash of the ICCID";
		auto r = bus.busctl({ "call", kService, path, kBalance, "Refresh" }, 30s);
		ASSERT_EQ(r.exitCode, 0) << r.err << daemon.log();
		ASSERT_TRUE(fs::exists(state.file("sim-" + keyedBefore + ".json"))) << daemon.log();
		struct stat st {};
		ASSERT_EQ(::stat(state.file("installation.key").c_str(), &st), 0);
		EXPECT_EQ(st.st_mode & 0777, 0600u);
	}
	fs::remove(state.file("installation.key"));
	fs::rename(state.file("sim-" + keyedBefore + ".json"), state.file("sim-" + legacy + ".json"));

	std::string adopted;
	{
		Zanryod daemon(bus, { config, {}, state.path() });
		daemon.waitReady();
		std::string path = modemObjectPath(bus, within(20s));
		ASSERT_FALSE(path.empty()) << daemon.log();
		adopted = idOf(path);
		EXPECT_NE(adopted, legacy);
		EXPECT_NE(adopted, keyedBefore) << "a new installation secret gives a new id";
		// The reading kept under the unkeyed name is published under the new id.
		EXPECT_EQ(getProperty(bus, path, kBalance, "Money"), "125.50") << daemon.log();
		EXPECT_EQ(getProperty(bus, path, kBalance, "Stale"), "true");
		EXPECT_FALSE(fs::exists(state.file("sim-" + legacy + ".json")));
		EXPECT_TRUE(fs::exists(state.file("sim-" + adopted + ".json")));
		EXPECT_NE(daemon.log().find("renamed to its key " + adopted), std::string::npos) << daemon.log();
	}

	// Restarted on the same machine: the same id, nothing renamed again.
	Zanryod daemon(bus, { config, {}, state.path() });
	daemon.waitReady();
	std::string path = modemObjectPath(bus, within(20s));
	EXPECT_EQ(idOf(path), adopted) << daemon.log();
	EXPECT_EQ(getProperty(bus, path, kBalance, "Money"), "125.50") << daemon.log();
	EXPECT_EQ(daemon.log().find("renamed to its key"), std::string::npos) << daemon.log();
}

} // namespace
} // namespace zanryo::test
