// portHolders(): who else has a serial port open, found through /proc the way root must
// (root ignores TIOCEXCL). A child process holds a pty slave the way minicom or
// ModemManager holds /dev/ttyUSB2.

#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>

#include <fcntl.h>
#include <pty.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>

#include "libmodem/at/at_channel.hpp"
#include "libmodem/at/port_holders.hpp"

namespace zanryo {
namespace {

using namespace std::chrono_literals;

/// A pty made by this test process (which is "self", so never listed itself).
struct Pty {
	Pty()
	{
		char name[64] = {};
		if (::openpty(&master, &slave, name, nullptr, nullptr) != 0)
			throw std::runtime_error("openpty failed");
		path = name;
	}
	~Pty()
	{
		::close(master);
		::close(slave);
	}
	int master = -1;
	int slave = -1;
	std::string path;
};

/// A child running `sleep 60` with the pty's slave open and, when \a keepMaster, its
/// master too (as a modem simulator or socat holds both). Killed and reaped at the end.
struct Holder {
	Holder(const Pty &pty, bool keepMaster)
	{
		pid = ::fork();
		if (pid == 0) {
			if (!keepMaster)
				::close(pty.master);
			int fd = ::open(pty.path.c_str(), O_RDWR | O_NOCTTY);
			if (fd < 0)
				::_exit(127);
			::execlp("sleep", "sleep", "60", static_cast<char *>(nullptr));
			::_exit(127);
		}
		// Running sleep: the exec is done and the fds are what the child keeps.
		auto deadline = std::chrono::steady_clock::now() + 5s;
		while (comm() != "sleep" && std::chrono::steady_clock::now() < deadline)
			std::this_thread::sleep_for(5ms);
	}
	~Holder()
	{
		::kill(pid, SIGKILL);
		int status = 0;
		::waitpid(pid, &status, 0);
	}
	std::string comm() const
	{
		std::ifstream in("/proc/" + std::to_string(pid) + "/comm");
		std::string s;
		std::getline(in, s);
		return s;
	}
	pid_t pid = -1;
};

TEST(PortHolders, childHoldingThePortIsListedWithPidAndName)
{
	Pty pty;
	Holder child(pty, false);
	ASSERT_EQ(child.comm(), "sleep");
	auto holders = portHolders(pty.path);
	ASSERT_EQ(holders.size(), 1u);
	EXPECT_EQ(holders[0].pid, child.pid);
	EXPECT_EQ(holders[0].name, "sleep");
	EXPECT_EQ(describeHolders(holders), "PID " + std::to_string(child.pid) + " (sleep)");
}

TEST(PortHolders, symlinkToThePortIsTheSamePort)
{
	// /dev/serial/by-id/usb-Quectel_EC25-if02-port0 -> ../../ttyUSB2
	Pty pty;
	Holder child(pty, false);
	std::string link = ::testing::TempDir() + "port-holders-link-" + std::to_string(::getpid());
	std::filesystem::remove(link);
	std::filesystem::create_symlink(pty.path, link);
	auto holders = portHolders(link);
	std::filesystem::remove(link);
	ASSERT_EQ(holders.size(), 1u);
	EXPECT_EQ(holders[0].pid, child.pid);
}

TEST(PortHolders, programHoldingThePtyMasterIsTheDeviceNotAUser)
{
	Pty pty;
	Holder simulator(pty, true);
	ASSERT_EQ(simulator.comm(), "sleep");
	EXPECT_TRUE(portHolders(pty.path).empty());
}

TEST(PortHolders, ownProcessIsNotListed)
{
	Pty pty;
	EXPECT_TRUE(portHolders(pty.path).empty());
}

TEST(PortHolders, pathsThatAreNoCharacterDevice)
{
	for (const char *path : { "/", "/proc/self/status", "/nonexistent/ttyUSB9" })
		EXPECT_TRUE(portHolders(path).empty()) << path;
}

TEST(PortHolders, describeHoldersWithoutAName)
{
	EXPECT_EQ(describeHolders({}), "");
	EXPECT_EQ(describeHolders({ { 42, "" }, { 1234, "ModemManager" } }), "PID 42, PID 1234 (ModemManager)");
}

TEST(PortHolders, atChannelReportsAPortInUseAsBusyNamingTheHolder)
{
	Pty pty;
	Holder minicom(pty, false);
	boost::asio::io_context io;
	auto channel = AtChannel::create(io.get_executor(), pty.path);
	auto r = channel->open();
	ASSERT_FALSE(r.ok());
	EXPECT_EQ(r.error().code, make_error_code(Errc::Busy));
	EXPECT_EQ(r.error().message(), pty.path + " is in use by another program: PID " +
					       std::to_string(minicom.pid) + " (sleep)");
}

TEST(PortHolders, atChannelOpensAPortNobodyElseHolds)
{
	Pty pty;
	boost::asio::io_context io;
	auto channel = AtChannel::create(io.get_executor(), pty.path);
	auto r = channel->open();
	EXPECT_TRUE(r.ok()) << r.error().message();
	channel->close();
}

} // namespace
} // namespace zanryo
