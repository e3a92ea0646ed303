#include <gtest/gtest.h>

#include <filesystem>

#include "fake_sysfs.hpp"
#include "netif.hpp"

namespace zanryo {
namespace {

using test::FakeSysfs;

// Quectel EC25 on USB (2c7c:0125): interface 2 is the AT port ttyUSB2, interface 4 is
// QMI with cdc-wdm0 and the qmi_wwan netdev wwan0.
constexpr const char *kEc25 = "pci0000:00/0000:00:14.0/usb1/1-1";

void quectelEc25(const FakeSysfs &sys, const std::string &usb = kEc25, const std::string &net = "wwan0",
		 const std::string &tty = "ttyUSB2", const std::string &wdm = "cdc-wdm0")
{
	sys.usbDevice(usb, "2c7c");
	std::string port = usb.substr(usb.rfind('/') + 1);
	sys.classNode("tty", tty, usb + "/" + port + ":1.2/" + tty + "/tty/" + tty);
	sys.classNode("usbmisc", wdm, usb + "/" + port + ":1.4/usbmisc/" + wdm);
	sys.netInterface(usb + "/" + port + ":1.4", net, 5);
}

struct MappingCase {
	const char *name;
	const char *device;
	std::vector<std::string> expected;
};

class NetifMapping : public testing::TestWithParam<MappingCase>
{
};

TEST_P(NetifMapping, findsTheInterfacesOfTheModem)
{
	FakeSysfs sys;
	quectelEc25(sys);
	// A second modem on the same root hub must never be taken for the first one's.
	quectelEc25(sys, "pci0000:00/0000:00:14.0/usb1/1-2", "wwan1", "ttyUSB6", "cdc-wdm1");
	// Quectel RM500Q on PCIe (MHI): WWAN ports and the netdev below the WWAN device.
	std::string wwan = "pci0000:00/0000:00:1c.0/0000:03:00.0/mhi0/wwan/wwan0";
	sys.subsystem("pci0000:00/0000:00:1c.0/0000:03:00.0", "pci");
	sys.subsystem(wwan, "wwan");
	sys.classNode("wwan", "wwan0at0", wwan + "/wwan0at0");
	sys.classNode("wwan", "wwan0mbim0", wwan + "/wwan0mbim0");
	sys.netInterface(wwan, "wwan2", 9);
	// A Huawei E3372 in stick mode (12d1:1506): ttyUSB0 and cdc_ncm's usb0 and an
	// extra cdc_ether interface, both counted.
	std::string e3372 = "pci0000:00/0000:00:14.0/usb2/2-1";
	sys.usbDevice(e3372, "12d1");
	sys.classNode("tty", "ttyUSB0", e3372 + "/2-1:1.0/ttyUSB0/tty/ttyUSB0");
	sys.netInterface(e3372 + "/2-1:1.1", "usb0", 11);
	sys.netInterface(e3372 + "/2-1:1.3", "usb1", 12);

	const MappingCase &c = GetParam();
	EXPECT_EQ(netInterfacesForDevice(c.device, sys.root()), c.expected) << c.device;
}

INSTANTIATE_TEST_SUITE_P(
	Netif, NetifMapping,
	testing::Values(MappingCase{ "quectelEc25QmiPort", "/dev/cdc-wdm0", { "wwan0" } },
			MappingCase{ "quectelEc25QmiPortWithBackendPrefix", "qmi:/dev/cdc-wdm0", { "wwan0" } },
			MappingCase{ "quectelEc25AtPort", "/dev/ttyUSB2", { "wwan0" } },
			MappingCase{ "secondEc25OnTheSameHub", "at:/dev/ttyUSB6", { "wwan1" } },
			MappingCase{ "quectelRm500qWwanAtPort", "/dev/wwan0at0", { "wwan2" } },
			MappingCase{ "quectelRm500qMbimPort", "/dev/wwan0mbim0", { "wwan2" } },
			MappingCase{ "huaweiE3372TwoInterfaces", "/dev/ttyUSB0", { "usb0", "usb1" } },
			MappingCase{ "simulatorPtyHasNone", "/dev/pts/3", {} },
			MappingCase{ "unpluggedDeviceHasNone", "/dev/ttyUSB9", {} }),
	[](const testing::TestParamInfo<MappingCase> &i) { return std::string(i.param.name); });

TEST(Netif, udevByIdLinkResolvesToTheNode)
{
	FakeSysfs sys;
	quectelEc25(sys);
	// /dev/serial/by-id/usb-Quectel_EC25-if02-port0 -> ../../ttyUSB2
	std::string dev = sys.base() + "/dev";
	std::filesystem::create_directories(dev + "/serial/by-id");
	FakeSysfs::write(dev + "/ttyUSB2", "");
	std::filesystem::create_symlink("../../ttyUSB2", dev + "/serial/by-id/usb-Quectel_EC25-if02-port0");
	EXPECT_EQ(netInterfacesForDevice(dev + "/serial/by-id/usb-Quectel_EC25-if02-port0", sys.root()),
		  std::vector<std::string>{ "wwan0" });
}

TEST(Netif, readsCountersAndFlags)
{
	FakeSysfs sys;
	quectelEc25(sys);
	sys.setCounters("wwan0", 123456789012ull, 42);
	auto c = readInterfaceCounters(sys.root(), "wwan0");
	ASSERT_TRUE(c.has_value());
	EXPECT_EQ(c->ifindex, 5u);
	EXPECT_EQ(c->rxBytes, 123456789012ull);
	EXPECT_EQ(c->txBytes, 42u);
	EXPECT_TRUE(interfaceIsUp(sys.root(), "wwan0"));
	sys.setFlags("wwan0", "0x1002"); // ip link set wwan0 down
	EXPECT_FALSE(interfaceIsUp(sys.root(), "wwan0"));
	EXPECT_FALSE(readInterfaceCounters(sys.root(), "wwan9").has_value());
	EXPECT_FALSE(interfaceIsUp(sys.root(), "wwan9"));
}

} // namespace
} // namespace zanryo
