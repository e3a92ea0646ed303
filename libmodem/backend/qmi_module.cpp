#include "libmodem/backend/qmi_module.hpp"

#include <dlfcn.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <vector>

#include <fmt/core.h>

namespace zanryo {

namespace fs = std::filesystem;

namespace {

constexpr const char *kModuleName = "zanryo-qmi.so";

#ifdef ZANRYO_BUILD_MODULE_DIR
/// Whether this process runs a program of the build tree \a buildDir (tests, the demo).
bool runsFromBuildTree(const fs::path &buildDir)
{
	std::error_code ec;
	fs::path self = fs::read_symlink("/proc/self/exe", ec);
	if (ec || buildDir.empty())
		return false;
	auto [end, _] = std::mismatch(buildDir.begin(), buildDir.end(), self.begin(), self.end());
	return end == buildDir.end();
}
#endif

std::vector<fs::path> candidates()
{
	// A module named by the environment is the only one tried: falling back to another
	// would hide what was asked for.
	// Made absolute: dlopen of a bare name would search the library path, not the
	// directory the name was meant in.
	if (const char *env = std::getenv("ZANRYO_QMI_MODULE"); env && *env) {
		std::error_code ec;
		fs::path path = fs::absolute(env, ec);
		return { ec ? fs::path(env) : path };
	}
	std::vector<fs::path> paths;
#ifdef ZANRYO_BUILD_MODULE_DIR
	// An installed program never looks into a build tree; one started from it does.
	if (runsFromBuildTree(ZANRYO_BUILD_DIR))
		paths.push_back(fs::path(ZANRYO_BUILD_MODULE_DIR) / kModuleName);
#endif
	paths.push_back(fs::path(ZANRYO_MODULE_DIR) / kModuleName);
	return paths;
}

Result<const QmiModule *> load()
{
	std::vector<fs::path> paths = candidates();
	for (const fs::path &path : paths) {
		std::error_code ec;
		if (!fs::is_regular_file(path, ec))
			continue;
		// RTLD_NOW: a module whose libqmi-glib is missing fails here, with the name of
		// what is missing, not at the first call. Never closed: GLib stays loaded. A
		// module loaded already is handed back as it is.
		void *handle = ::dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
		if (!handle)
			return makeError(Errc::Unsupported,
					 fmt::format("the QMI module {} does not load: {}", path.string(), ::dlerror()));
		auto entry = reinterpret_cast<QmiModuleEntry>(::dlsym(handle, kQmiModuleSymbol));
		const QmiModule *module = entry ? entry() : nullptr;
		if (!module)
			return makeError(Errc::Unsupported,
					 fmt::format("{} is not a zanryo QMI module (no {} entry point)", path.string(),
						     kQmiModuleSymbol));
		if (module->abi != kQmiModuleAbi || !module->version ||
		    std::strcmp(module->version, ZANRYO_VERSION) != 0 || !module->create)
			return makeError(Errc::Unsupported,
					 fmt::format("the QMI module {} is from zanryo {} (module ABI {}), this program "
						     "is {} (ABI {}); install both from one build",
						     path.string(), module->version ? module->version : "?", module->abi,
						     ZANRYO_VERSION, kQmiModuleAbi));
		return module;
	}
	std::string looked;
	for (const fs::path &path : paths)
		looked += (looked.empty() ? "" : ", ") + path.string();
	return makeError(Errc::Unsupported,
			 fmt::format("QMI needs the module {}, which is not installed (looked for {}); install "
				     "it or use the modem's AT port",
				     kModuleName, looked));
}

} /* namespace */

Result<std::unique_ptr<Modem>> makeQmiModemFromModule(boost::asio::any_io_executor executor,
						      const std::string &devicePath,
						      const QmiModemOptions &options)
{
	auto module = load();
	if (!module)
		return makeError(Errc::Unsupported, fmt::format("{}: {}", devicePath, module.error().what));
	return (*module)->create(std::move(executor), devicePath, options);
}

} /* namespace zanryo */
