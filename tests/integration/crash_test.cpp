// kill -9 while zanryod writes its state: the state directory always holds the previous
// or the new reading, never a torn or empty file, and the next start restores it.
// Everything about the daemon is asserted through busctl; the state files are read as
// the documented JSON, the way an operator or a backup script would read them.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <regex>
#include <sys/stat.h>
#include <thread>

#include "support/private_bus.hpp"
#include "support/sim_modem.hpp"
#include "support/wait.hpp"

namespace zanryo::test {
namespace {

using namespace std::chrono_literals;
namespace fs = std::filesystem;

// ru-prepaid with a quick network, so a Refresh loop rewrites the state file many times
// a second.
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
name = "MTS RUS"
ussd_delay_ms = 5
[[ussd]]
code = "*100#"
text = "Баланс: 125.50 руб. Интернет: 3.2 ГБ до 31.12.2026"
)";

std::string property(PrivateBus &bus, const std::string &path, const char *name)
{
	return getProperty(bus, path, kBalance, name);
}

struct DirView {
	std::vector<fs::path> stateFiles;  ///< sim-*.json
	std::vector<fs::path> temporaries; ///< *.tmp.PID
};

DirView look(const std::string &dir)
{
	DirView v;
	std::error_code ec;
	for (const auto &e : fs::directory_iterator(dir, ec)) {
		std::string name = e.path().filename().string();
		if (name.find(".tmp.") != std::string::npos)
			v.temporaries.push_back(e.path());
		else if (name.rfind("sim-", 0) == 0 && e.path().extension() == ".json")
			v.stateFiles.push_back(e.path());
	}
	return v;
}

ino_t inodeOf(const fs::path &p)
{
	struct stat st{};
	return ::stat(p.c_str(), &st) == 0 ? st.st_ino : 0;
}

/// A state file as written by zanryod (docs/configuration.md, "State"): its UpdatedAt,
/// or a test failure naming what is wrong.
std::int64_t checkStateFile(const fs::path &p)
{
	std::string text = readFile(p.string());
	EXPECT_FALSE(text.empty()) << p << " is empty";
	auto j = nlohmann::json::parse(text, nullptr, false);
	EXPECT_FALSE(j.is_discarded()) << p << " is not JSON: " << text;
	if (j.is_discarded() || !j.is_object())
		return -1;
	EXPECT_EQ(j.value("version", 0), 1);
	EXPECT_EQ(j.value("source", ""), "ussd:*100#");
	EXPECT_TRUE(j.contains("money") && j["money"].is_object()) << text;
	if (j.contains("money") && j["money"].is_object()) {
		EXPECT_EQ(j["money"].value("minor", 0), 12550);
		EXPECT_EQ(j["money"].value("currency", ""), "RUB");
	}
	EXPECT_TRUE(j.contains("updatedAt") && j["updatedAt"].is_number_integer()) << text;
	return j.value("updatedAt", std::int64_t(-1));
}

TEST(ZanryodCrash, killNineDuringWritesNeverCorruptsTheState)
{
	auto sim = SimModem::fromToml(kScenario);
	PrivateBus bus;
	TempDir state;
	const std::string config = "[[modem]]\ndevice = \"" + sim->link() +
				   "\"\nmethod = \"ussd\"\nussd = \"*100#\"\nmin_interval = \"0s\"\n";
	constexpr int kIterations = 20;
	std::string path;
	std::int64_t lastUpdatedAt = -1;
	int killedMidWrite = 0;
	int totalWrites = 0;

	for (int i = 0; i < kIterations; i++) {
		SCOPED_TRACE("iteration " + std::to_string(i));
		Zanryod daemon(bus, { config, {}, state.path() });
		daemon.waitReady();
		std::string p = modemObjectPath(bus, within(20s));
		ASSERT_FALSE(p.empty()) << daemon.log();
		if (path.empty())
			path = p;
		ASSERT_EQ(p, path) << "same SIM, same object path";

		if (i > 0) {
			// The reading that survived the kill is published, marked Stale, exactly as stored.
			EXPECT_EQ(property(bus, path, "Money"), "125.50") << daemon.log();
			EXPECT_EQ(property(bus, path, "Currency"), "RUB");
			EXPECT_EQ(property(bus, path, "Stale"), "true");
			EXPECT_EQ(property(bus, path, "UpdatedAt"), std::to_string(lastUpdatedAt));
			EXPECT_TRUE(look(state.path()).temporaries.empty()) << "unfinished files are cleaned at start";
			EXPECT_EQ(daemon.log().find("corrupt"), std::string::npos) << daemon.log();
			EXPECT_EQ(daemon.log().find("without history"), std::string::npos) << daemon.log();
		}

		// Refresh back to back until the kill; every answer rewrites the state file.
		std::atomic<bool> stop{ false };
		std::thread refresher([&] {
			while (!stop.load())
				bus.busctl({ "call", kService, path, kBalance, "Refresh" }, 10s);
		});

		// Odd iterations: kill the moment a temporary file exists, i.e. between the open
		// and the rename. Even ones: after the (1..4)th completed replacement, so the kill
		// lands around the rename, the directory fsync or the D-Bus reply; the first one
		// so stores a reading the later ones must never lose. A few microseconds of spin,
		// different each time, shift the moment further.
		const bool midWrite = i % 2 == 1;
		const int replacements = 1 + (i / 2) % 4;
		const auto spin = std::chrono::microseconds((i * 373) % 2000);
		ino_t inode = 0;
		int seen = 0;
		bool sawTemporary = false;
		auto deadline = within(15s);
		while (Clock::now() < deadline) {
			DirView v = look(state.path());
			if (midWrite && !v.temporaries.empty()) {
				sawTemporary = true;
				break;
			}
			if (!v.stateFiles.empty()) {
				ino_t now = inodeOf(v.stateFiles.front());
				if (now != 0 && now != inode) {
					if (inode != 0 || i == 0)
						seen++;
					inode = now;
				}
				if (!midWrite && seen >= replacements)
					break;
				// Mid-write kills also give up after many writes without catching one.
				if (midWrite && seen >= 200)
					break;
			}
			std::this_thread::yield();
		}
		for (auto until = Clock::now() + spin; Clock::now() < until;) {
		}
		daemon.process().signal(SIGKILL);
		auto code = daemon.process().wait(within(10s));
		stop = true;
		refresher.join();
		ASSERT_TRUE(code.has_value());
		EXPECT_EQ(*code, 128 + SIGKILL);
		ASSERT_GT(seen + (sawTemporary ? 1 : 0), 0) << "no write happened before the kill: " << daemon.log();
		totalWrites += seen;
		killedMidWrite += sawTemporary ? 1 : 0;

		DirView after = look(state.path());
		ASSERT_EQ(after.stateFiles.size(), 1u) << "one SIM, one state file";
		std::int64_t updatedAt = checkStateFile(after.stateFiles.front());
		ASSERT_GT(updatedAt, 0);
		EXPECT_GE(updatedAt, lastUpdatedAt) << "never an older reading than the last one restored";
		lastUpdatedAt = updatedAt;
	}
	// The mid-write case must really have happened, or the test proves less than it says.
	EXPECT_GT(killedMidWrite, 0) << "no kill landed while a temporary file existed";
	std::cout << "[ crash    ] " << kIterations << " kills, " << killedMidWrite << " with a write in progress, "
		  << totalWrites << " replacements observed\n";
}

} // namespace
} // namespace zanryo::test
