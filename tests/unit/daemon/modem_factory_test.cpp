#include <gtest/gtest.h>

#include <filesystem>

#include "fake_sysfs.hpp"
#include "modem_factory.hpp"

namespace zanryo {
namespace {

namespace fs = std::filesystem;
using test::FakeSysfs;

// makeModem over a fake sysfs; how the port kind is read is tested in
// tests/unit/backend/device_kind_test.cpp.

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
