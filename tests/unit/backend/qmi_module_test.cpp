#include <gtest/gtest.h>

#include <dlfcn.h>

#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <optional>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>

#include "libmodem/backend/qmi_module.hpp"

namespace zanryo {
namespace {

namespace fs = std::filesystem;

// zanryod and zanryoctl load the QMI backend from zanryo-qmi.so; $ZANRYO_QMI_MODULE
// names another file, which is then the only one tried.

class QmiModuleLoad : public ::testing::Test
{
protected:
	void TearDown() override { ::unsetenv("ZANRYO_QMI_MODULE"); }

	Result<std::unique_ptr<Modem>> make(const std::string &module)
	{
		::setenv("ZANRYO_QMI_MODULE", module.c_str(), 1);
		return makeQmiModemFromModule(io_.get_executor(), "/dev/cdc-wdm0");
	}

	boost::asio::io_context io_;
	fs::path dir_ = fs::temp_directory_path() / ("zanryo-plugin-" + std::to_string(::getpid()));
};

TEST_F(QmiModuleLoad, aFileThatIsNoLibraryIsRefusedWithItsPath)
{
	fs::create_directories(dir_);
	const fs::path bogus = dir_ / "zanryo-qmi.so";
	std::ofstream(bogus) << "not an ELF file\n";
	auto r = make(bogus.string());
	fs::remove_all(dir_);
	ASSERT_FALSE(r.ok());
	EXPECT_EQ(r.error().code, Errc::Unsupported);
	EXPECT_NE(r.error().message().find("/dev/cdc-wdm0: the QMI module " + bogus.string() + " does not load"),
		  std::string::npos)
		<< r.error().message();
}

TEST_F(QmiModuleLoad, aLibraryWithoutTheEntryPointIsRefused)
{
	Dl_info info{};
	ASSERT_NE(::dladdr(reinterpret_cast<void *>(&::strlen), &info), 0);
	auto r = make(info.dli_fname);
	ASSERT_FALSE(r.ok());
	EXPECT_NE(r.error().message().find("is not a zanryo QMI module"), std::string::npos) << r.error().message();
}

TEST_F(QmiModuleLoad, aMissingModuleNamesWhereItWasLookedFor)
{
	const std::string nowhere = "/nonexistent/zanryo-qmi.so";
	auto r = make(nowhere);
	ASSERT_FALSE(r.ok());
	EXPECT_NE(r.error().message().find("not installed"), std::string::npos) << r.error().message();
	EXPECT_NE(r.error().message().find(nowhere), std::string::npos) << r.error().message();
	EXPECT_NE(r.error().message().find("AT port"), std::string::npos) << r.error().message();
}

// A bare file name in $ZANRYO_QMI_MODULE is the file in the working directory, as a
// person typing it means, not whatever the dynamic linker finds by that name.
TEST_F(QmiModuleLoad, aRelativeNameIsTheFileInTheWorkingDirectory)
{
	fs::create_directories(dir_);
	std::ofstream(dir_ / "zanryo-qmi.so") << "not an ELF file\n";
	const fs::path cwd = fs::current_path();
	fs::current_path(dir_);
	auto r = make("zanryo-qmi.so");
	fs::current_path(cwd);
	fs::remove_all(dir_);
	ASSERT_FALSE(r.ok());
	EXPECT_NE(r.error().message().find("the QMI module " + (dir_ / "zanryo-qmi.so").string() + " does not load"),
		  std::string::npos)
		<< r.error().message();
}

#ifdef ZANRYO_HAVE_QMI
// The module carries its own copy of the lower layers; its calls must still bind to this
// program's (zanryo_qmi_host), or an error made inside it would not compare equal to an
// Errc here and the daemon would map every QMI failure wrongly. Found in the build tree,
// as zanryod and zanryoctl find it there.
TEST_F(QmiModuleLoad, theModulesErrorsAreThisProgramsErrc)
{
	auto made = makeQmiModemFromModule(io_.get_executor(), "/dev/cdc-wdm0");
	ASSERT_TRUE(made.ok()) << made.error().message();
	std::unique_ptr<Modem> modem = std::move(made).value();
	EXPECT_EQ(modem->transport(), "qmi");
	EXPECT_EQ(modem->devicePath(), "/dev/cdc-wdm0");

	// A QMI port that does not exist: open() answers DeviceGone.
	modem = makeQmiModemFromModule(io_.get_executor(), "/nonexistent/cdc-wdm9").value();
	auto opened = boost::asio::co_spawn(io_, modem->open(), boost::asio::use_future);
	io_.run();
	Result<void> r = opened.get();
	ASSERT_FALSE(r.ok());
	EXPECT_EQ(r.error().code, Errc::DeviceGone) << r.error().message();
	EXPECT_EQ(&r.error().code.category(), &zanryoCategory());
	EXPECT_EQ(modem->state(), ModemState::Absent);
}
#endif

} // namespace
} // namespace zanryo
