// The alert hook: argv without a shell, values in the environment, a timeout, bounded output.
#include <gtest/gtest.h>

#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <boost/asio/io_context.hpp>

#include "hook_runner.hpp"

namespace zanryo {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

std::string readAll(const std::string &path)
{
	std::ifstream in(path, std::ios::binary);
	std::ostringstream ss;
	ss << in.rdbuf();
	return ss.str();
}

/// NUL-separated KEY=VALUE (as /proc/PID/environ) -> map.
std::map<std::string, std::string> parseEnviron(const std::string &text)
{
	std::map<std::string, std::string> env;
	std::size_t at = 0;
	while (at < text.size()) {
		std::size_t end = text.find('\0', at);
		if (end == std::string::npos)
			end = text.size();
		std::string entry = text.substr(at, end - at);
		std::size_t eq = entry.find('=');
		if (eq != std::string::npos)
			env[entry.substr(0, eq)] = entry.substr(eq + 1);
		at = end + 1;
	}
	return env;
}

class HookRunnerTest : public testing::Test
{
protected:
	void SetUp() override
	{
		char tmpl[] = "/tmp/zanryo-hook-XXXXXX";
		ASSERT_NE(::mkdtemp(tmpl), nullptr);
		dir_ = tmpl;
	}
	void TearDown() override { fs::remove_all(dir_); }

	std::string script(const std::string &name, const std::string &body)
	{
		std::string path = dir_ + "/" + name;
		std::ofstream(path) << "#!/bin/sh\n" << body;
		::chmod(path.c_str(), 0755);
		return path;
	}

	/// Runs the io_context until \a n runs finished or 20 s passed.
	void runUntil(std::size_t n)
	{
		auto deadline = std::chrono::steady_clock::now() + 20s;
		while (outcomes_.size() < n && std::chrono::steady_clock::now() < deadline) {
			io_.restart();
			io_.run_for(50ms);
		}
		ASSERT_GE(outcomes_.size(), n) << "hook runs did not finish in time";
	}

	std::unique_ptr<HookRunner> runner(std::vector<std::string> argv, std::chrono::milliseconds timeout = 10s,
					   std::chrono::milliseconds grace = 5s)
	{
		auto r = std::make_unique<HookRunner>(io_, "/dev/ttyUSB2", std::move(argv), timeout, grace);
		r->onFinished = [this](const HookOutcome &o) { outcomes_.push_back(o); };
		return r;
	}

	boost::asio::io_context io_;
	std::string dir_;
	std::vector<HookOutcome> outcomes_;
};

TEST_F(HookRunnerTest, hostileCarrierTextArrivesVerbatimAndRunsNothing)
{
	// A reply crafted to break out of a shell command line built by string pasting.
	std::string hostile = "Баланс: 5 руб. $(touch " + dir_ + "/pwned); rm -rf \"" + dir_ +
			      "\" `touch " + dir_ + "/pwned2` 'quote\" \\ \n; | & > " + dir_ + "/pwned3 ${IFS}";
	std::string envFile = dir_ + "/env";
	auto hook = script("hook", "cat /proc/$$/environ > \"$1\"\nprintf '%s' \"$2\" > \"$1.arg\"\n");
	auto r = runner({ hook, envFile, "two words; $(reboot)" });
	::setenv("ZANRYO_LEFTOVER", "from the daemon's own environment", 1);
	ASSERT_TRUE(r->run({ { "ZANRYO_RAW_REPLY", hostile },
			     { "ZANRYO_WHAT", "money" },
			     { "ZANRYO_VALUE", "500" },
			     { "ZANRYO_SOURCE", "ussd:*100#" } }));
	runUntil(1);
	::unsetenv("ZANRYO_LEFTOVER");
	ASSERT_EQ(outcomes_[0].exitCode, 0) << outcomes_[0].output;
	auto env = parseEnviron(readAll(envFile));
	EXPECT_EQ(env["ZANRYO_RAW_REPLY"], hostile);
	EXPECT_EQ(env["ZANRYO_WHAT"], "money");
	EXPECT_EQ(env["ZANRYO_VALUE"], "500");
	EXPECT_EQ(env["ZANRYO_SOURCE"], "ussd:*100#");
	EXPECT_EQ(env.count("ZANRYO_LEFTOVER"), 0u) << "stale ZANRYO_* of the daemon must not leak";
	EXPECT_EQ(readAll(envFile + ".arg"), "two words; $(reboot)") << "argv is passed as given";
	EXPECT_FALSE(fs::exists(dir_ + "/pwned"));
	EXPECT_FALSE(fs::exists(dir_ + "/pwned2"));
	EXPECT_FALSE(fs::exists(dir_ + "/pwned3"));
}

TEST_F(HookRunnerTest, nulBytesAreDroppedAndHugeValuesCutAtACharacterBoundary)
{
	std::string envFile = dir_ + "/env";
	auto r = runner({ script("hook", "cat /proc/$$/environ > \"$1\"\n"), envFile });
	std::string huge;
	while (huge.size() < HookRunner::kMaxValue + 10)
		huge += "残";  // 3 bytes each
	ASSERT_TRUE(r->run({ { "ZANRYO_RAW_REPLY", std::string("a\0b", 3) }, { "ZANRYO_BIG", huge } }));
	runUntil(1);
	auto env = parseEnviron(readAll(envFile));
	EXPECT_EQ(env["ZANRYO_RAW_REPLY"], "ab");
	EXPECT_LE(env["ZANRYO_BIG"].size(), HookRunner::kMaxValue);
	EXPECT_EQ(env["ZANRYO_BIG"].size() % 3, 0u) << "no half character";
}

TEST_F(HookRunnerTest, stdinIsDevNullAndNoDaemonDescriptorLeaks)
{
	std::string out = dir_ + "/out";
	// A descriptor the daemon opened without O_CLOEXEC (a modem port, say) must still not
	// reach the hook.
	std::string marker = dir_ + "/daemon-private";
	std::ofstream(marker) << "x";
	int leaky = ::open(marker.c_str(), O_RDONLY);
	ASSERT_GE(leaky, 3);
	// cat reads stdin to EOF at once; ls -l shows where each descriptor of the hook points.
	auto r = runner({ script("hook", "cat > \"$1\"\nls -l /proc/$$/fd > \"$1.fds\"\n"), out });
	ASSERT_TRUE(r->run({}));
	runUntil(1);
	::close(leaky);
	EXPECT_EQ(outcomes_[0].exitCode, 0);
	EXPECT_EQ(readAll(out), "");
	std::string fds = readAll(out + ".fds");
	EXPECT_NE(fds.find(" 0 -> /dev/null"), std::string::npos) << fds;
	EXPECT_EQ(fds.find("daemon-private"), std::string::npos) << fds;
}

TEST_F(HookRunnerTest, nonZeroExitIsLoggedWithItsOutput)
{
	auto r = runner({ script("hook", "echo 'notify: no route to host' >&2\nexit 3\n") });
	testing::internal::CaptureStderr();
	ASSERT_TRUE(r->run({}));
	runUntil(1);
	std::string log = testing::internal::GetCapturedStderr();
	EXPECT_EQ(outcomes_[0].exitCode, 3);
	EXPECT_EQ(outcomes_[0].output, "notify: no route to host\n");
	EXPECT_NE(log.find("alert hook: notify: no route to host"), std::string::npos) << log;
	EXPECT_NE(log.find("exited with status 3"), std::string::npos) << log;
}

TEST_F(HookRunnerTest, timeoutSendsSigtermToTheHook)
{
	auto r = runner({ script("hook", "exec sleep 30\n") }, 200ms);
	auto start = std::chrono::steady_clock::now();
	ASSERT_TRUE(r->run({}));
	runUntil(1);
	EXPECT_TRUE(outcomes_[0].timedOut);
	EXPECT_EQ(outcomes_[0].signal, SIGTERM);
	EXPECT_LT(std::chrono::steady_clock::now() - start, 10s);
}

TEST_F(HookRunnerTest, hookIgnoringSigtermIsKilledWithItsChildren)
{
	std::string pidFile = dir_ + "/child.pid";
	// The hook ignores TERM and starts a child of its own; both must go.
	auto r = runner({ script("hook", "trap '' TERM\nsleep 30 &\necho $! > \"$1\"\nwait\n"), pidFile }, 200ms, 200ms);
	ASSERT_TRUE(r->run({}));
	runUntil(1);
	EXPECT_TRUE(outcomes_[0].timedOut);
	EXPECT_EQ(outcomes_[0].signal, SIGKILL);
	pid_t child = std::atoi(readAll(pidFile).c_str());
	ASSERT_GT(child, 0);
	// The grandchild got SIGKILL with the group; once reaped by init it is gone.
	auto deadline = std::chrono::steady_clock::now() + 10s;
	bool gone = false;
	while (!gone && std::chrono::steady_clock::now() < deadline) {
		std::string stat = readAll("/proc/" + std::to_string(child) + "/stat");
		gone = stat.empty() || stat.find(") Z") != std::string::npos;
		if (!gone)
			io_.run_for(20ms);
	}
	EXPECT_TRUE(gone) << "sleep " << child << " survived";
}

TEST_F(HookRunnerTest, backgroundChildHoldingThePipeDoesNotHoldTheRun)
{
	std::string pidFile = dir_ + "/bg.pid";
	// The hook exits at once but leaves a child with its stdout (the pipe) open.
	auto r = runner({ script("hook", "sleep 30 &\necho $! > \"$1\"\necho sent\n"), pidFile });
	auto start = std::chrono::steady_clock::now();
	ASSERT_TRUE(r->run({}));
	runUntil(1);
	EXPECT_LT(std::chrono::steady_clock::now() - start, 5s);
	EXPECT_EQ(outcomes_[0].exitCode, 0);
	EXPECT_EQ(outcomes_[0].output, "sent\n");
	EXPECT_FALSE(r->busy());
	pid_t child = std::atoi(readAll(pidFile).c_str());
	if (child > 0)
		::kill(child, SIGKILL);
}

TEST_F(HookRunnerTest, outputIsBounded)
{
	auto r = runner({ script("hook", "head -c 100000 /dev/zero | tr '\\000' a\n") });
	ASSERT_TRUE(r->run({}));
	runUntil(1);
	EXPECT_EQ(outcomes_[0].exitCode, 0);
	EXPECT_EQ(outcomes_[0].output.size(), HookRunner::kMaxOutput);
	EXPECT_EQ(outcomes_[0].output.size() + outcomes_[0].droppedOutput, 100000u);
}

TEST_F(HookRunnerTest, oneRunAtATimeAndAFullQueueDrops)
{
	std::string log = dir_ + "/log";
	auto r = runner({ script("hook", "echo start >> \"$1\"\nsleep 0.1\necho end >> \"$1\"\n"), log });
	ASSERT_TRUE(r->run({}));
	EXPECT_TRUE(r->busy());
	for (std::size_t i = 0; i < HookRunner::kMaxQueue; i++)
		ASSERT_TRUE(r->run({}));
	testing::internal::CaptureStderr();
	EXPECT_FALSE(r->run({})) << "the queue is full";
	EXPECT_NE(testing::internal::GetCapturedStderr().find("dropping"), std::string::npos);
	runUntil(HookRunner::kMaxQueue + 1);
	std::string expected;
	for (std::size_t i = 0; i <= HookRunner::kMaxQueue; i++)
		expected += "start\nend\n";
	EXPECT_EQ(readAll(log), expected) << "runs never overlap";
	EXPECT_FALSE(r->busy());
}

TEST_F(HookRunnerTest, missingProgramIsReportedNotFatal)
{
	auto r = runner({ dir_ + "/no-such-hook" });
	testing::internal::CaptureStderr();
	ASSERT_TRUE(r->run({}));
	runUntil(1);
	std::string log = testing::internal::GetCapturedStderr();
	EXPECT_TRUE(outcomes_[0].spawnFailed);
	EXPECT_NE(log.find("cannot be started"), std::string::npos) << log;
}

TEST_F(HookRunnerTest, noCommandMeansNoRun)
{
	auto r = runner({});
	EXPECT_FALSE(r->enabled());
	EXPECT_FALSE(r->run({}));
	EXPECT_FALSE(r->busy());
}

} // namespace
} // namespace zanryo
