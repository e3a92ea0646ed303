#include <gtest/gtest.h>

#include <filesystem>

#include "fake_sysfs.hpp"
#include "modem_factory.hpp"

namespace zanryo {
namespace {

namespace fs = std::filesystem;
using test::FakeSysfs;

// The layout of a Quectel EC25 on USB: interface 1-1:1.4 bound to qmi_wwan owns
// usbmisc/cdc-wdm0; a Sierra EM7455 in MBIM mode binds cdc_mbim instead.
void cdcWdm(const FakeSysfs &sys, const std::string &name, const std::string &iface, const std::string &driver)
{
	const std::string rel = "pci0000:00/0000:00:14.0/usb1/1-1/" + iface;
	sys.classNode("usbmisc", name, rel + "/usbmisc/" + name);
	fs::create_directories(sys.root() + "/bus/usb/drivers/" + driver);
	fs::create_symlink(sys.root() + "/devices/" + rel, sys.root() + "/devices/" + rel + "/usbmisc/" + name + "/device");
	fs::create_symlink(sys.root() + "/bus/usb/drivers/" + driver, sys.root() + "/devices/" + rel + "/driver");
}

void wwanPort(const FakeSysfs &sys, const std::string &name, const std::string &type)
{
	const std::string rel = "pci0000:00/0000:00:1c.0/0000:01:00.0/wwan/wwan0/" + name;
	sys.classNode("wwan", name, rel);
	std::ofstream(sys.root() + "/devices/" + rel + "/type") << type << "\n";
}

TEST(ControlPort, qmiWwanCdcWdmIsQmi)
{
	FakeSysfs sys;
	cdcWdm(sys, "cdc-wdm0", "1-1:1.4", "qmi_wwan");
	EXPECT_EQ(controlPortOf("/dev/cdc-wdm0", sys.root()), ControlPort::Qmi);
}

TEST(ControlPort, cdcMbimCdcWdmIsMbim)
{
	FakeSysfs sys;
	cdcWdm(sys, "cdc-wdm1", "1-1:1.12", "cdc_mbim");
	EXPECT_EQ(controlPortOf("/dev/cdc-wdm1", sys.root()), ControlPort::Mbim);
}

TEST(ControlPort, huaweiNcmCdcWdmCarriesAt)
{
	FakeSysfs sys;
	cdcWdm(sys, "cdc-wdm0", "1-1:1.1", "huawei_cdc_ncm");
	EXPECT_EQ(controlPortOf("/dev/cdc-wdm0", sys.root()), ControlPort::At);
}

TEST(ControlPort, wwanPortsSayTheirType)
{
	FakeSysfs sys;
	wwanPort(sys, "wwan0qmi0", "QMI");
	wwanPort(sys, "wwan0mbim0", "MBIM");
	wwanPort(sys, "wwan0at0", "AT");
	EXPECT_EQ(controlPortOf("/dev/wwan0qmi0", sys.root()), ControlPort::Qmi);
	EXPECT_EQ(controlPortOf("/dev/wwan0mbim0", sys.root()), ControlPort::Mbim);
	EXPECT_EQ(controlPortOf("/dev/wwan0at0", sys.root()), ControlPort::At);
}

TEST(ControlPort, ttysAndUnknownNodesAreAt)
{
	FakeSysfs sys;
	EXPECT_EQ(controlPortOf("/dev/ttyUSB2", sys.root()), ControlPort::At);
	EXPECT_EQ(controlPortOf("/dev/cdc-wdm7", sys.root()), ControlPort::At) << "no sysfs entry";
	EXPECT_EQ(controlPortOf("", sys.root()), ControlPort::At);
}

TEST(ControlPort, udevLinksAreFollowed)
{
	FakeSysfs sys;
	cdcWdm(sys, "cdc-wdm0", "1-1:1.4", "qmi_wwan");
	// /dev/cdc-wdm0 of the fake tree, reached through a by-id style link.
	fs::create_directories(sys.base() + "/dev/serial/by-id");
	std::ofstream(sys.base() + "/dev/cdc-wdm0") << "";
	fs::create_symlink(sys.base() + "/dev/cdc-wdm0", sys.base() + "/dev/serial/by-id/usb-Quectel_EC25-if04");
	EXPECT_EQ(controlPortOf(sys.base() + "/dev/serial/by-id/usb-Quectel_EC25-if04", sys.root()), ControlPort::Qmi);
}

TEST(MakeModem, prefixesForceTheBackend)
{
	FakeSysfs sys;
	cdcWdm(sys, "cdc-wdm0", "1-1:1.4", "qmi_wwan");
	boost::asio::io_context io;
	ModemConfig config;
	const std::string state = sys.base() + "/state";

	config.device = "at:/dev/cdc-wdm0";
	auto at = makeModem(io, config, state, sys.root());
	ASSERT_TRUE(at.ok()) << at.error().message();
	EXPECT_EQ((*at)->transport(), "at");
	EXPECT_EQ((*at)->devicePath(), "/dev/cdc-wdm0");

	config.device = "/dev/ttyUSB2";
	auto plain = makeModem(io, config, state, sys.root());
	ASSERT_TRUE(plain.ok());
	EXPECT_EQ((*plain)->transport(), "at");

	for (const char *device : { "qmi:/dev/ttyUSB2", "/dev/cdc-wdm0" }) {
		config.device = device;
		auto qmi = makeModem(io, config, state, sys.root());
#ifdef ZANRYO_HAVE_QMI
		ASSERT_TRUE(qmi.ok()) << device << ": " << qmi.error().message();
		EXPECT_EQ((*qmi)->transport(), "qmi") << device;
#else
		ASSERT_FALSE(qmi.ok()) << device;
		EXPECT_NE(qmi.error().message().find("built without QMI"), std::string::npos) << qmi.error().message();
#endif
	}

	for (const char *bad : { "", "at:", "qmi:" }) {
		config.device = bad;
		auto r = makeModem(io, config, state, sys.root());
		ASSERT_FALSE(r.ok()) << bad;
		EXPECT_NE(r.error().message().find("empty device path"), std::string::npos) << r.error().message();
	}
}

TEST(MakeModem, mbimIsRefusedWithAHint)
{
	FakeSysfs sys;
	cdcWdm(sys, "cdc-wdm1", "1-1:1.12", "cdc_mbim");
	boost::asio::io_context io;
	ModemConfig config;
	config.device = "/dev/cdc-wdm1";
	auto r = makeModem(io, config, sys.base() + "/state", sys.root());
	ASSERT_FALSE(r.ok());
	EXPECT_NE(r.error().message().find("MBIM"), std::string::npos) << r.error().message();
}

} // namespace
} // namespace zanryo
