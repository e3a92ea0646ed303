// Direct discovery's sysfs scan on fake trees laid out as the kernel lays them out:
// devices/.../<usb device>/{idVendor,idProduct}, <device>:1.N/bInterfaceNumber, the
// option/qcserial tty below the interface, qmi_wwan's usbmisc/cdc-wdmN, class/* links.
#include <gtest/gtest.h>

#include <filesystem>

#include "fake_sysfs.hpp"
#include "sysfs_modems.hpp"

namespace zanryo {
namespace {

using test::FakeSysfs;
namespace fs = std::filesystem;

/// A USB modem in a fake tree: ports are added interface by interface.
struct FakeUsbModem {
	const FakeSysfs &sys;
	std::string dev;  ///< "pci0000:00/0000:00:14.0/usb1/1-1"

	FakeUsbModem(const FakeSysfs &s, std::string rel, const std::string &vid, const std::string &pid)
		: sys(s), dev(std::move(rel))
	{
		sys.usbDevice(dev, vid);
		FakeSysfs::write(sys.root() + "/devices/" + dev + "/idProduct", pid + "\n");
	}
	std::string interface(int n, const std::string &driver = "option") const
	{
		std::string port = dev.substr(dev.rfind('/') + 1);
		std::string rel = dev + "/" + port + ":1." + std::to_string(n);
		std::string dir = sys.device(rel);
		char num[8];
		std::snprintf(num, sizeof num, "%02x\n", n);
		FakeSysfs::write(dir + "/bInterfaceNumber", num);
		fs::create_directories(sys.root() + "/bus/usb/drivers/" + driver);
		std::error_code ec;
		fs::create_symlink(sys.root() + "/bus/usb/drivers/" + driver, dir + "/driver", ec);
		return rel;
	}
	/// An option/qcserial port: <if>/ttyUSBn/tty/ttyUSBn.
	void usbSerial(int n, const std::string &tty) const
	{
		std::string rel = interface(n);
		sys.classNode("tty", tty, rel + "/" + tty + "/tty/" + tty);
	}
	/// A cdc-acm port: <if>/tty/ttyACMn.
	void acm(int n, const std::string &tty) const
	{
		std::string rel = interface(n, "cdc_acm");
		sys.classNode("tty", tty, rel + "/tty/" + tty);
	}
	void cdcWdm(int n, const std::string &wdm, const std::string &driver = "qmi_wwan") const
	{
		std::string rel = interface(n, driver);
		sys.classNode("usbmisc", wdm, rel + "/usbmisc/" + wdm);
	}
	void interfaceClass(int n, const std::string &cls, const std::string &sub, const std::string &proto) const
	{
		std::string port = dev.substr(dev.rfind('/') + 1);
		std::string dir = sys.root() + "/devices/" + dev + "/" + port + ":1." + std::to_string(n);
		FakeSysfs::write(dir + "/bInterfaceClass", cls + "\n");
		FakeSysfs::write(dir + "/bInterfaceSubClass", sub + "\n");
		FakeSysfs::write(dir + "/bInterfaceProtocol", proto + "\n");
	}
};

/// The usual Qualcomm-based layout: DIAG, NMEA, AT, AT, QMI.
void quectelLayout(const FakeUsbModem &m, int first = 0)
{
	for (int i = 0; i < 4; i++)
		m.usbSerial(i, "ttyUSB" + std::to_string(first + i));
	m.cdcWdm(4, "cdc-wdm0");
}

SysfsScan scan(const FakeSysfs &sys, bool withQmi = true)
{
	return scanModems(sys.root(), "/dev", withQmi);
}

TEST(SysfsModems, quectelEc25WithAtAndQmiIsOneModemOnQmi)
{
	FakeSysfs sys;
	FakeUsbModem ec25(sys, "pci0000:00/0000:00:14.0/usb1/1-1", "2c7c", "0125");
	quectelLayout(ec25);
	auto s = scan(sys);
	ASSERT_EQ(s.modems.size(), 1u);
	EXPECT_EQ(s.modems[0].device, "qmi:/dev/cdc-wdm0");
	EXPECT_EQ(s.modems[0].atPort, "/dev/ttyUSB2");
	EXPECT_EQ(s.modems[0].qmiPort, "/dev/cdc-wdm0");
	EXPECT_EQ(s.modems[0].description, "Quectel EC25/EG25 (2c7c:0125)");
	EXPECT_EQ(s.modems[0].sysfsDevice, fs::canonical(sys.root() + "/devices/" + ec25.dev).string());
	// DIAG, NMEA and the second AT port are never used.
	EXPECT_EQ(s.skipped.size(), 3u);
}

TEST(SysfsModems, withoutQmiTheSameModemUsesItsAtPort)
{
	FakeSysfs sys;
	FakeUsbModem ec25(sys, "pci0000:00/0000:00:14.0/usb1/1-1", "2c7c", "0125");
	quectelLayout(ec25);
	auto s = scan(sys, false);
	ASSERT_EQ(s.modems.size(), 1u);
	EXPECT_EQ(s.modems[0].device, "at:/dev/ttyUSB2");
}

struct FamilyCase {
	const char *name;
	const char *vid;
	const char *pid;
	int atInterface;
	int qmiInterface;  ///< -1: none
	const char *expected;
};

class SysfsFamilies : public testing::TestWithParam<FamilyCase>
{
};

TEST_P(SysfsFamilies, findsThePortsOfTheTable)
{
	const FamilyCase &c = GetParam();
	FakeSysfs sys;
	FakeUsbModem m(sys, "pci0000:00/0000:00:14.0/usb2/2-3", c.vid, c.pid);
	// Every interface up to 8 gets a tty except the QMI one; only the table's AT port
	// may be chosen.
	for (int i = 0; i <= 8; i++) {
		if (i == c.qmiInterface)
			m.cdcWdm(i, "cdc-wdm3");
		else if (i == c.atInterface || i < 4)
			m.usbSerial(i, "ttyUSB1" + std::to_string(i));
	}
	auto s = scan(sys);
	ASSERT_EQ(s.modems.size(), 1u) << c.name;
	EXPECT_EQ(s.modems[0].device, c.expected) << c.name;
}

INSTANTIATE_TEST_SUITE_P(
	KnownModems, SysfsFamilies,
	testing::Values(FamilyCase{ "quectelEp06", "2c7c", "0306", 2, 4, "qmi:/dev/cdc-wdm3" },
			FamilyCase{ "quectelEm12", "2c7c", "0512", 2, 4, "qmi:/dev/cdc-wdm3" },
			FamilyCase{ "quectelRm500q", "2c7c", "0800", 2, 4, "qmi:/dev/cdc-wdm3" },
			FamilyCase{ "sierraMc7455", "1199", "9071", 3, 8, "qmi:/dev/cdc-wdm3" },
			FamilyCase{ "telitLe910cx", "1bc7", "1230", 99, 2, "qmi:/dev/cdc-wdm3" },
			FamilyCase{ "fibocomFm150", "2cb7", "0104", 1, 4, "qmi:/dev/cdc-wdm3" },
			FamilyCase{ "simcomSim7600", "1e0e", "9001", 2, 5, "qmi:/dev/cdc-wdm3" },
			FamilyCase{ "simcomSim7080AtOnly", "1e0e", "9205", 2, -1, "at:/dev/ttyUSB12" },
			FamilyCase{ "ubloxLaraL6", "1546", "1342", 99, 4, "qmi:/dev/cdc-wdm3" }),
	[](const testing::TestParamInfo<FamilyCase> &i) { return std::string(i.param.name); });

TEST(SysfsModems, sierraMc7455WithoutQmiUsesInterface3)
{
	FakeSysfs sys;
	FakeUsbModem m(sys, "pci0000:00/0000:00:14.0/usb1/1-2", "1199", "9071");
	m.usbSerial(0, "ttyUSB0");
	m.usbSerial(2, "ttyUSB1");
	m.usbSerial(3, "ttyUSB2");
	m.cdcWdm(8, "cdc-wdm0");
	auto s = scan(sys, false);
	ASSERT_EQ(s.modems.size(), 1u);
	EXPECT_EQ(s.modems[0].device, "at:/dev/ttyUSB2");
}

TEST(SysfsModems, huaweiAtPortIsFoundByItsInterfaceClass)
{
	FakeSysfs sys;
	// E3372h in stick mode: interface 0 modem (ff/02/01), interface 2 PCUI (ff/02/02).
	FakeUsbModem m(sys, "pci0000:00/0000:00:14.0/usb1/1-4", "12d1", "1506");
	m.usbSerial(0, "ttyUSB0");
	m.interfaceClass(0, "ff", "02", "01");
	m.usbSerial(2, "ttyUSB1");
	m.interfaceClass(2, "ff", "02", "02");
	auto s = scan(sys);
	ASSERT_EQ(s.modems.size(), 1u);
	EXPECT_EQ(s.modems[0].device, "at:/dev/ttyUSB1");
	EXPECT_EQ(s.modems[0].description, "Huawei (12d1:1506)");
}

TEST(SysfsModems, twoModemsAreTwoDevicesEachWithItsOwnPorts)
{
	FakeSysfs sys;
	FakeUsbModem a(sys, "pci0000:00/0000:00:14.0/usb1/1-1", "2c7c", "0125");
	quectelLayout(a);
	FakeUsbModem b(sys, "pci0000:00/0000:00:14.0/usb1/1-2", "1e0e", "9205");
	for (int i = 0; i < 4; i++)
		b.usbSerial(i, "ttyUSB" + std::to_string(4 + i));
	auto s = scan(sys);
	ASSERT_EQ(s.modems.size(), 2u);
	EXPECT_EQ(s.modems[0].device, "qmi:/dev/cdc-wdm0");
	EXPECT_EQ(s.modems[1].device, "at:/dev/ttyUSB6");
}

TEST(SysfsModems, unknownUsbSerialAdaptersAndUartsAreIgnored)
{
	FakeSysfs sys;
	FakeUsbModem ch340(sys, "pci0000:00/0000:00:14.0/usb1/1-3", "1a86", "7523");
	ch340.usbSerial(0, "ttyUSB0");
	sys.classNode("tty", "ttyS0", "platform/serial8250/tty/ttyS0");
	auto s = scan(sys);
	EXPECT_TRUE(s.modems.empty());
	ASSERT_EQ(s.skipped.size(), 1u);
	EXPECT_EQ(s.skipped[0].name, "ttyUSB0");
	EXPECT_NE(s.skipped[0].reason.find("1a86:7523 is not in the table"), std::string::npos) << s.skipped[0].reason;
}

TEST(SysfsModems, aQuectelInMbimModeIsNotTakenForQmi)
{
	FakeSysfs sys;
	FakeUsbModem m(sys, "pci0000:00/0000:00:14.0/usb1/1-1", "2c7c", "0125");
	for (int i = 0; i < 4; i++)
		m.usbSerial(i, "ttyUSB" + std::to_string(i));
	m.cdcWdm(4, "cdc-wdm0", "cdc_mbim");
	auto s = scan(sys);
	ASSERT_EQ(s.modems.size(), 1u);
	EXPECT_EQ(s.modems[0].device, "at:/dev/ttyUSB2");
	EXPECT_TRUE(s.modems[0].qmiPort.empty());
}

TEST(SysfsModems, wwanPortsOfAPcieModemAreOneModem)
{
	FakeSysfs sys;
	for (auto [name, type] : { std::pair{ "wwan0at0", "AT" }, std::pair{ "wwan0qmi0", "QMI" },
				   std::pair{ "wwan0qcdm0", "QCDM" } }) {
		std::string rel = std::string("pci0000:00/0000:00:1c.0/0000:01:00.0/wwan/wwan0/") + name;
		sys.classNode("wwan", name, rel);
		FakeSysfs::write(sys.root() + "/devices/" + rel + "/type", std::string(type) + "\n");
	}
	sys.classNode("wwan", "wwan0", "pci0000:00/0000:00:1c.0/0000:01:00.0/wwan/wwan0");
	auto s = scan(sys);
	ASSERT_EQ(s.modems.size(), 1u);
	EXPECT_EQ(s.modems[0].device, "qmi:/dev/wwan0qmi0");
	EXPECT_EQ(s.modems[0].atPort, "/dev/wwan0at0");
	EXPECT_EQ(s.modems[0].description, "WWAN device wwan0");
	auto noQmi = scan(sys, false);
	ASSERT_EQ(noQmi.modems.size(), 1u);
	EXPECT_EQ(noQmi.modems[0].device, "at:/dev/wwan0at0");
}

TEST(SysfsModems, aModemWhosePortsAreGoneIsNotListed)
{
	FakeSysfs sys;
	FakeUsbModem m(sys, "pci0000:00/0000:00:14.0/usb1/1-1", "2c7c", "0125");
	quectelLayout(m);
	ASSERT_EQ(scan(sys).modems.size(), 1u);
	fs::remove_all(sys.root() + "/devices/" + m.dev);
	EXPECT_TRUE(scan(sys).modems.empty()) << "dangling class links are no modem";
}

TEST(SysfsModems, deviceNodesAreNamedUnderTheDevRoot)
{
	FakeSysfs sys;
	FakeUsbModem m(sys, "pci0000:00/0000:00:14.0/usb1/1-1", "2c7c", "0125");
	quectelLayout(m);
	auto s = scanModems(sys.root(), "/tmp/fake-dev", false);
	ASSERT_EQ(s.modems.size(), 1u);
	EXPECT_EQ(s.modems[0].device, "at:/tmp/fake-dev/ttyUSB2");
}

} // namespace
} // namespace zanryo
