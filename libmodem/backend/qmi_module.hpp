#pragma once

// The QMI backend as a loadable module, zanryo-qmi.so (libmodem/qmi/plugin/). zanryod
// and zanryoctl load it the first time they meet a QMI device, so a process that only
// ever drives AT modems never maps libqmi-glib, libmbim-glib and GLib (about 3 MiB
// resident). No GLib or libqmi header is included here.

#include <memory>
#include <string>

#include <boost/asio/any_io_executor.hpp>

#include "libmodem/backend/modem.hpp"
#include "libmodem/backend/qmi_options.hpp"
#include "libmodem/codec/result.hpp"

namespace zanryo {

/// Raised whenever QmiModule or what it passes changes shape; the module and the program
/// that loads it come from one build, and a module with another number is refused.
inline constexpr unsigned kQmiModuleAbi = 2;  // 2: Modem::deleteStoredSms, no deleteAfterRead

/// \brief What zanryo-qmi.so hands the program that loads it (zanryo_qmi_module()).
struct QmiModule {
	unsigned abi;         ///< kQmiModuleAbi of the module's build
	const char *version;  ///< the module's project version, e.g. "0.1.0"
	/// \brief A QmiModem (libmodem/qmi/qmi_modem.hpp) on \a devicePath.
	std::unique_ptr<Modem> (*create)(boost::asio::any_io_executor executor, const std::string &devicePath,
					 const QmiModemOptions &options);
};

/// The module's one exported entry point, `extern "C" const QmiModule *zanryo_qmi_module()`.
inline constexpr const char *kQmiModuleSymbol = "zanryo_qmi_module";
using QmiModuleEntry = const QmiModule *(*)();

/// \brief A QmiModem on \a devicePath, made by zanryo-qmi.so.
///
/// The module is $ZANRYO_QMI_MODULE when that is set; otherwise it is looked for in the
/// build tree when the running program is itself in the build tree, then in
/// LIBDIR/zanryo where `cmake --install` puts it; the first file that exists is loaded
/// (dlopen, RTLD_NOW) and stays loaded: GLib cannot be unloaded. A missing module, one
/// that does not load (libqmi-glib missing) or one from another build is
/// Errc::Unsupported naming the device and the path.
///
/// The module carries its own copy of the lower layers it uses; the loading program must
/// export its zanryo:: symbols (CMake target zanryo_qmi_host) so that the module's calls
/// bind to the program's copies and an error made inside it compares equal to Errc.
Result<std::unique_ptr<Modem>> makeQmiModemFromModule(boost::asio::any_io_executor executor,
						      const std::string &devicePath,
						      const QmiModemOptions &options = {});

} /* namespace zanryo */
