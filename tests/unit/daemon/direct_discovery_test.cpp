// Direct discovery driven by synthetic uevents on a fake sysfs tree: a modem plugged in
// port by port is reported once, with its final device; unplugged, it goes.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>

#include <boost/asio/io_context.hpp>

#include "direct_discovery.hpp"
#include "fake_sysfs.hpp"

namespace zanryo {
namespace {

using test::FakeSysfs;
using namespace std::chrono_literals;
namespace fs = std::filesystem;

/// Uevents the test sends by hand.
class FakeUevents final : public UeventSource
{
public:
	Result<void> start(std::function<void(const Uevent &)> handler) override
	{
		handler_ = std::move(handler);
		return {};
	}
	void send(const std::string &action, const std::string &subsystem, const std::string &devpath)
	{
		ASSERT_TRUE(handler_) << "start() was not called";
		handler_(Uevent{ action, subsystem, devpath });
	}

private:
	std::function<void(const Uevent &)> handler_;
};

constexpr const char *kDev = "pci0000:00/0000:00:14.0/usb1/1-1";

std::string addInterface(const FakeSysfs &sys, int n, const std::string &driver)
{
	std::string rel = std::string(kDev) + "/1-1:1." + std::to_string(n);
	std::string dir = sys.device(rel);
	FakeSysfs::write(dir + "/bInterfaceNumber", "0" + std::to_string(n) + "\n");
	fs::create_directories(sys.root() + "/bus/usb/drivers/" + driver);
	fs::create_symlink(sys.root() + "/bus/usb/drivers/" + driver, dir + "/driver");
	return rel;
}

struct Rig {
	FakeSysfs sys;
	boost::asio::io_context io;
	FakeUevents *events = nullptr;
	std::unique_ptr<DirectDiscovery> discovery;
	unsigned changes = 0;

	Rig()
	{
		auto source = std::make_unique<FakeUevents>();
		events = source.get();
		discovery = std::make_unique<DirectDiscovery>(io, sys.root(), "/dev", true, std::move(source), 20ms);
	}
	/// Runs the loop until the settle timer has fired (or 2 s).
	void settle()
	{
		io.restart();
		io.run_for(200ms);
	}
	std::string devices() const
	{
		std::string out;
		for (const auto &m : discovery->modems())
			out += m.device + ";";
		return out;
	}
};

TEST(DirectDiscovery, aModemPluggedInPortByPortIsReportedOnceWithQmi)
{
	Rig rig;
	rig.discovery->start([&] { rig.changes++; });
	EXPECT_EQ(rig.devices(), "");
	EXPECT_EQ(rig.changes, 0u);

	rig.sys.usbDevice(kDev, "2c7c");
	FakeSysfs::write(rig.sys.root() + "/devices/" + kDev + "/idProduct", "0125\n");
	std::string at = addInterface(rig.sys, 2, "option");
	rig.sys.classNode("tty", "ttyUSB2", at + "/ttyUSB2/tty/ttyUSB2");
	rig.events->send("add", "tty", "/devices/" + at + "/ttyUSB2/tty/ttyUSB2");
	std::string qmi = addInterface(rig.sys, 4, "qmi_wwan");
	rig.sys.classNode("usbmisc", "cdc-wdm0", qmi + "/usbmisc/cdc-wdm0");
	rig.events->send("add", "usbmisc", "/devices/" + qmi + "/usbmisc/cdc-wdm0");
	rig.settle();
	EXPECT_EQ(rig.devices(), "qmi:/dev/cdc-wdm0;");
	EXPECT_EQ(rig.changes, 1u) << "the burst of uevents is one scan";

	// Unplugged: the class links go with the device.
	fs::remove(rig.sys.root() + "/class/tty/ttyUSB2");
	fs::remove(rig.sys.root() + "/class/usbmisc/cdc-wdm0");
	fs::remove_all(rig.sys.root() + "/devices/" + kDev);
	rig.events->send("remove", "usbmisc", "/devices/" + qmi + "/usbmisc/cdc-wdm0");
	rig.events->send("remove", "tty", "/devices/" + at + "/ttyUSB2/tty/ttyUSB2");
	rig.settle();
	EXPECT_EQ(rig.devices(), "");
	EXPECT_EQ(rig.changes, 2u);
}

TEST(DirectDiscovery, eventsOfOtherSubsystemsDoNotRescan)
{
	Rig rig;
	rig.discovery->start([&] { rig.changes++; });
	rig.sys.usbDevice(kDev, "2c7c");
	FakeSysfs::write(rig.sys.root() + "/devices/" + kDev + "/idProduct", "0125\n");
	std::string at = addInterface(rig.sys, 2, "option");
	rig.sys.classNode("tty", "ttyUSB2", at + "/ttyUSB2/tty/ttyUSB2");
	rig.events->send("add", "input", "/devices/platform/i8042/serio0/input/input3");
	rig.settle();
	EXPECT_EQ(rig.devices(), "") << "no tty/usbmisc/wwan event, no scan";
	rig.events->send("add", "tty", "/devices/" + at + "/ttyUSB2/tty/ttyUSB2");
	rig.settle();
	EXPECT_EQ(rig.devices(), "at:/dev/ttyUSB2;");
}

TEST(DirectDiscovery, aModemPresentAtStartIsReportedByTheFirstScan)
{
	Rig rig;
	rig.sys.usbDevice(kDev, "1e0e");
	FakeSysfs::write(rig.sys.root() + "/devices/" + kDev + "/idProduct", "9205\n");
	std::string at = addInterface(rig.sys, 2, "option");
	rig.sys.classNode("tty", "ttyUSB2", at + "/ttyUSB2/tty/ttyUSB2");
	rig.discovery->start([&] { rig.changes++; });
	EXPECT_EQ(rig.devices(), "at:/dev/ttyUSB2;");
	EXPECT_EQ(rig.changes, 1u);
}

} // namespace
} // namespace zanryo
