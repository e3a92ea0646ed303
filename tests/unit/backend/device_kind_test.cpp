#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <utility>

#include "../daemon/fake_sysfs.hpp"
#include "libmodem/backend/device_kind.hpp"

namespace zanryo {
namespace {

namespace fs = std::filesystem;
using test::FakeSysfs;

// The layout of a Quectel EC25 on USB: interface 1-1:1.4 bound to qmi_wwan owns
// usbmisc/cdc-wdm0; a Sierra EM7455 in MBIM mode binds cdc_mbim instead.
void cdcWdm(const FakeSysfs &sys, const std::string &name, const std::string &iface,
	    const std::string &driver)
{
	const std::string rel = "pci0000:00/0000:00:14.0/usb1/1-1/" + iface;
	sys.classNode("usbmisc", name, rel + "/usbmisc/" + name);
	fs::create_directories(sys.root() + "/bus/usb/drivers/" + driver);
	fs::create_symlink(sys.root() + "/devices/" + rel,
			   sys.root() + "/devices/" + rel + "/usbmisc/" + name + "/device");
	fs::create_symlink(sys.root() + "/bus/usb/drivers/" + driver,
			   sys.root() + "/devices/" + rel + "/driver");
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
	fs::create_symlink(sys.base() + "/dev/cdc-wdm0",
			   sys.base() + "/dev/serial/by-id/usb-Quectel_EC25-if04");
	EXPECT_EQ(controlPortOf(sys.base() + "/dev/serial/by-id/usb-Quectel_EC25-if04", sys.root()),
		  ControlPort::Qmi);
}

struct SpecCase {
	const char *name;
	const char *device;
	const char *path;
	std::optional<ControlPort> forced;
};

// How devices are written in zanryod.toml and after zanryoctl --device.
const SpecCase kSpecs[] = {
	{ "plainTty", "/dev/ttyUSB2", "/dev/ttyUSB2", std::nullopt },
	{ "plainCdcWdm", "/dev/cdc-wdm0", "/dev/cdc-wdm0", std::nullopt },
	{ "qmiPrefix", "qmi:/dev/cdc-wdm0", "/dev/cdc-wdm0", ControlPort::Qmi },
	{ "atPrefix", "at:/dev/ttyUSB2", "/dev/ttyUSB2", ControlPort::At },
	{ "byIdLinkWithColons", "qmi:/dev/serial/by-id/usb-Quectel_EC25:1.4",
	  "/dev/serial/by-id/usb-Quectel_EC25:1.4", ControlPort::Qmi },
	{ "relativePath", "ttyUSB2", "ttyUSB2", std::nullopt },
	{ "unknownPrefixIsAPath", "mbim:/dev/cdc-wdm0", "mbim:/dev/cdc-wdm0", std::nullopt },
	{ "prefixIsCaseSensitive", "QMI:/dev/cdc-wdm0", "QMI:/dev/cdc-wdm0", std::nullopt },
};

class DeviceSpecParse : public ::testing::TestWithParam<SpecCase>
{
};

TEST_P(DeviceSpecParse, splitsThePrefix)
{
	const SpecCase &c = GetParam();
	auto spec = parseDeviceSpec(c.device);
	ASSERT_TRUE(spec) << spec.error().message();
	EXPECT_EQ(spec->path, c.path);
	EXPECT_EQ(spec->forced, c.forced);
}

INSTANTIATE_TEST_SUITE_P(Devices, DeviceSpecParse, ::testing::ValuesIn(kSpecs),
			 [](const auto &paramInfo) { return std::string(paramInfo.param.name); });

TEST(DeviceSpec, emptyPathsAreConfigErrors)
{
	const std::pair<const char *, const char *> cases[] = {
		{ "", "empty device path" },
		{ "qmi:", "empty device path after qmi:" },
		{ "at:", "empty device path after at:" },
	};
	for (const auto &[device, message] : cases) {
		auto spec = parseDeviceSpec(device);
		ASSERT_FALSE(spec) << device;
		EXPECT_EQ(spec.error().code, make_error_code(Errc::ConfigError)) << device;
		EXPECT_EQ(spec.error().message(), message) << device;
	}
}

TEST(DeviceSpec, prefixWinsOverSysfs)
{
	FakeSysfs sys;
	cdcWdm(sys, "cdc-wdm0", "1-1:1.4", "qmi_wwan");
	cdcWdm(sys, "cdc-wdm1", "1-1:1.12", "cdc_mbim");
	auto port = [&](const char *device) {
		return controlPortOf(parseDeviceSpec(device).value(), sys.root());
	};
	EXPECT_EQ(port("/dev/cdc-wdm0"), ControlPort::Qmi);
	EXPECT_EQ(port("at:/dev/cdc-wdm0"), ControlPort::At);
	EXPECT_EQ(port("qmi:/dev/ttyUSB2"), ControlPort::Qmi);
	EXPECT_EQ(port("/dev/ttyUSB2"), ControlPort::At);
	EXPECT_EQ(port("/dev/cdc-wdm1"), ControlPort::Mbim);
	EXPECT_EQ(port("qmi:/dev/cdc-wdm1"), ControlPort::Qmi)
		<< "the user knows better than the driver name";
}

TEST(DeviceSpec, portNames)
{
	EXPECT_EQ(controlPortName(ControlPort::At), "at");
	EXPECT_EQ(controlPortName(ControlPort::Qmi), "qmi");
	EXPECT_EQ(controlPortName(ControlPort::Mbim), "mbim");
}

} // namespace
} // namespace zanryo
