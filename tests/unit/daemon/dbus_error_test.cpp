#include <gtest/gtest.h>

#include "dbus_error.hpp"

namespace zanryo {
namespace {

TEST(DbusError, mapsEachErrcToADocumentedName)
{
	struct Case {
		Errc errc;
		const char *name;
	} cases[] = {
		{ Errc::InvalidUtf8, dbus_error::kInvalidArgument },
		{ Errc::NotEncodable, dbus_error::kInvalidArgument },
		{ Errc::Busy, dbus_error::kBusy },
		{ Errc::Timeout, dbus_error::kTimeout },
		{ Errc::Unsupported, dbus_error::kNotSupported },
		{ Errc::DeviceGone, dbus_error::kModemGone },
		{ Errc::NetworkError, dbus_error::kCarrierError },
		{ Errc::ModemError, dbus_error::kFailed },
	};
	for (const Case &c : cases) {
		sdbus::Error e = toDbusError(makeError(c.errc, "no +CUSD reply within 30 s"));
		EXPECT_EQ(e.getName(), c.name);
		EXPECT_EQ(e.getMessage(), "no +CUSD reply within 30 s");
	}
}

TEST(DbusError, foreignCategoryIsFailed)
{
	Error e{ std::make_error_code(std::errc::permission_denied), "open /dev/ttyUSB2", Error::kNoOffset, {} };
	EXPECT_EQ(toDbusError(e).getName(), dbus_error::kFailed);
}

} // namespace
} // namespace zanryo
