// Discovery end to end: a real dbus-daemon, real zanryod, zanryo-modem-sim modems, and a
// fake ModemManager served by this test on the private bus (an sdbus-c++ ObjectManager
// with Modem objects, owning org.freedesktop.ModemManager1 and releasing it to stop).
// Asserted through busctl only.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>

#include <sdbus-c++/sdbus-c++.h>

#include "support/private_bus.hpp"
#include "support/sim_modem.hpp"
#include "support/temp_dir.hpp"
#include "support/wait.hpp"

namespace zanryo::test {
namespace {

using namespace std::chrono_literals;
namespace fs = std::filesystem;

constexpr const char *kMmService = "org.freedesktop.ModemManager1";
constexpr const char *kMmPath = "/org/freedesktop/ModemManager1";
constexpr const char *kMmModem = "org.freedesktop.ModemManager1.Modem";

/// The modem objects zanryod publishes now (busctl tree).
std::set<std::string> modemObjects(PrivateBus &bus)
{
	static const std::regex re("/org/zanryo/Zanryo1/modem/[0-9a-f]{16}");
	std::set<std::string> paths;
	auto r = bus.busctl({ "--list", "tree", "org.zanryo.Zanryo1" });
	for (auto it = std::sregex_iterator(r.out.begin(), r.out.end(), re); it != std::sregex_iterator(); ++it)
		paths.insert(it->str());
	return paths;
}

bool waitModemCount(PrivateBus &bus, size_t n, Deadline deadline)
{
	return waitUntil([&] { return modemObjects(bus).size() == n; }, deadline);
}

/// A ModemManager stand-in: the name, the ObjectManager, one object per modem with the
/// Modem properties discovery reads.
class FakeModemManager
{
public:
	explicit FakeModemManager(const std::string &address)
		: connection_(sdbus::createSessionBusConnectionWithAddress(address))
	{
		root_ = sdbus::createObject(*connection_, kMmPath);
		root_->addObjectManager();
		root_->finishRegistration();
		connection_->enterEventLoopAsync();
	}
	~FakeModemManager()
	{
		modems_.clear();
		root_.reset();
		connection_->leaveEventLoop();
	}
	void start() { connection_->requestName(kMmService); }
	void stop() { connection_->releaseName(kMmService); }
	void addModem(unsigned n, const std::string &port)
	{
		std::string path = std::string(kMmPath) + "/Modem/" + std::to_string(n);
		auto object = sdbus::createObject(*connection_, path);
		object->registerProperty("Manufacturer").onInterface(kMmModem).withGetter([] { return std::string("Quectel"); });
		object->registerProperty("Model").onInterface(kMmModem).withGetter([] { return std::string("EC25"); });
		object->registerProperty("Device").onInterface(kMmModem).withGetter(
			[n] { return "/sys/devices/pci0000:00/0000:00:14.0/usb1/1-" + std::to_string(n + 1); });
		object->registerProperty("PrimaryPort").onInterface(kMmModem).withGetter([port] { return port; });
		object->registerProperty("Ports").onInterface(kMmModem).withGetter([port] {
			return std::vector<sdbus::Struct<std::string, uint32_t>>{ { port, 3u } };
		});
		object->finishRegistration();
		object->emitInterfacesAddedSignal({ kMmModem });
		modems_[n] = std::move(object);
	}
	void removeModem(unsigned n)
	{
		modems_.at(n)->emitInterfacesRemovedSignal({ kMmModem });
		modems_.erase(n);
	}

private:
	std::unique_ptr<sdbus::IConnection> connection_;
	std::unique_ptr<sdbus::IObject> root_;
	std::map<unsigned, std::unique_ptr<sdbus::IObject>> modems_;
};

std::vector<std::string> mmArgs(const SimModem &a, const SimModem &b, const TempDir &emptySysfs)
{
	return { "--test-mm-device", std::string(kMmPath) + "/Modem/0=at:" + a.link(),
		 "--test-mm-device", std::string(kMmPath) + "/Modem/1=at:" + b.link(),
		 "--sysfs-root", emptySysfs.path() };
}

TEST(Discovery, fakeModemManagerModemsComeAndGo)
{
	SimModem ru("ru-prepaid");
	SimModem jp("jp-mvno");
	PrivateBus bus;
	TempDir sysfs;
	FakeModemManager mm(bus.address());
	mm.addModem(0, "ttyUSB2");
	mm.start();
	Zanryod daemon(bus, { "[defaults]\nmethod = \"none\"\n", {}, {} }, mmArgs(ru, jp, sysfs));
	daemon.waitReady();

	// No configuration: ModemManager's one modem is published.
	ASSERT_TRUE(waitModemCount(bus, 1, within(30s))) << daemon.log();
	std::string first = *modemObjects(bus).begin();
	EXPECT_NE(daemon.log().find("ModemManager has Quectel EC25"), std::string::npos) << daemon.log();

	// A second modem plugged in, then removed.
	mm.addModem(1, "ttyUSB6");
	ASSERT_TRUE(waitModemCount(bus, 2, within(30s))) << daemon.log();
	mm.removeModem(1);
	ASSERT_TRUE(waitModemCount(bus, 1, within(20s))) << daemon.log();
	EXPECT_EQ(*modemObjects(bus).begin(), first);

	// ModemManager stops: its modem goes; it comes back: the same SIM, the same object.
	mm.stop();
	ASSERT_TRUE(waitModemCount(bus, 0, within(20s))) << daemon.log();
	EXPECT_TRUE(daemon.process().running()) << "zanryod keeps running without ModemManager";
	mm.start();
	ASSERT_TRUE(waitModemCount(bus, 1, within(30s))) << daemon.log();
	EXPECT_EQ(*modemObjects(bus).begin(), first);
	EXPECT_NE(daemon.log().find("ModemManager left the bus"), std::string::npos) << daemon.log();
}

/// A fake sysfs tree with a Quectel EC25 whose AT port's device node is \a node.
void fakeEc25(const TempDir &dir, const std::string &node)
{
	std::string sys = dir.file("sys");
	std::string usb = sys + "/devices/pci0000:00/0000:00:14.0/usb1/1-1";
	std::string intf = usb + "/1-1:1.2";
	fs::create_directories(intf + "/ttyUSB2/tty/ttyUSB2");
	std::ofstream(usb + "/idVendor") << "2c7c\n";
	std::ofstream(usb + "/idProduct") << "0125\n";
	std::ofstream(intf + "/bInterfaceNumber") << "02\n";
	fs::create_directories(sys + "/class/tty");
	fs::create_symlink(intf + "/ttyUSB2/tty/ttyUSB2", sys + "/class/tty/ttyUSB2");
	fs::create_directories(dir.file("dev"));
	fs::create_symlink(node, dir.file("dev/ttyUSB2"));
}

TEST(Discovery, directDiscoveryOnAFakeSysfsOpensTheSimulatorThroughTheTable)
{
	SimModem sim("ru-prepaid");
	PrivateBus bus;
	TempDir tree;
	fakeEc25(tree, sim.link());
	Zanryod daemon(bus, { "[daemon]\ndiscover = \"direct\"\n[defaults]\nmethod = \"ussd\"\nussd = \"*100#\"\n"
			      "min_interval = \"0s\"\n",
			      {},
			      {} },
		       { "--sysfs-root", tree.file("sys"), "--dev-root", tree.file("dev") });
	daemon.waitReady();
	std::string path = modemObjectPath(bus, within(30s));
	ASSERT_FALSE(path.empty()) << daemon.log();
	ASSERT_TRUE(waitUntil([&] { return getProperty(bus, path, "org.zanryo.Zanryo1.Balance", "Money") == "125.50"; },
			      within(30s)))
		<< daemon.log();
	EXPECT_NE(daemon.log().find("Quectel EC25/EG25 (2c7c:0125)"), std::string::npos) << daemon.log();
	auto r = bus.busctl({ "call", kService, "/org/zanryo/Zanryo1", "org.zanryo.Zanryo1.Manager", "RefreshAll" });
	EXPECT_EQ(r.exitCode, 0) << r.err;
}

TEST(Discovery, offKeepsOnlyConfiguredModemsAndAConfiguredPortWins)
{
	SimModem sim("ru-prepaid");
	PrivateBus bus;
	TempDir tree;
	fakeEc25(tree, sim.link());
	std::vector<std::string> args{ "--sysfs-root", tree.file("sys"), "--dev-root", tree.file("dev") };
	{
		Zanryod off(bus, { "[daemon]\ndiscover = \"off\"\n", {}, {} }, args);
		off.waitReady();
		EXPECT_FALSE(waitModemCount(bus, 1, within(3s))) << "off: the sysfs modem is not used\n" << off.log();
	}
	// direct, with a [[modem]] naming the same port: one modem, the configured one.
	Zanryod daemon(bus, { "[daemon]\ndiscover = \"direct\"\n[[modem]]\nname = \"mine\"\nmethod = \"none\"\ndevice = \"" +
				      sim.link() + "\"\n",
			      {},
			      {} },
		       args);
	daemon.waitReady();
	ASSERT_TRUE(waitModemCount(bus, 1, within(30s))) << daemon.log();
	std::string path = *modemObjects(bus).begin();
	EXPECT_EQ(getProperty(bus, path, "org.zanryo.Zanryo1.Modem", "Name"), "mine");
	EXPECT_NE(daemon.log().find("a [[modem]] or --device entry uses its port"), std::string::npos) << daemon.log();
	EXPECT_FALSE(waitModemCount(bus, 2, within(2s)));
}

} // namespace
} // namespace zanryo::test
