#pragma once

#include <memory>
#include <string>
#include <vector>

#include "support/process.hpp"
#include "support/temp_dir.hpp"
#include "support/wait.hpp"

namespace zanryo::test {

/// zanryod's bus name and the interfaces the tests read (dbus/org.zanryo.Zanryo1.xml).
inline constexpr const char *kService = "org.zanryo.Zanryo1";
inline constexpr const char *kModem = "org.zanryo.Zanryo1.Modem";
inline constexpr const char *kBalance = "org.zanryo.Zanryo1.Balance";
inline constexpr const char *kUsage = "org.zanryo.Zanryo1.Usage";
inline constexpr const char *kHistory = "org.zanryo.Zanryo1.History";

/// A real dbus-daemon on a private socket, with zanryo's system bus policy
/// (dbus/org.zanryo.Zanryo1.conf) applied as on a real system bus. Stopped on destruction.
class PrivateBus
{
public:
	/// Zanryo: the project's policy on top of a permissive default, as on a system bus.
	/// Permissive: anyone may call anything, to test what zanryod checks itself.
	enum class Policy { Zanryo, Permissive };

	explicit PrivateBus(Policy policy = Policy::Zanryo);
	~PrivateBus();

	/// "unix:path=/tmp/.../bus", for --bus and busctl --address.
	const std::string &address() const { return address_; }

	/// busctl --address=... ARGS, within \a timeout; optionally as another user
	/// ("nobody") to exercise the bus policy.
	Process::Result busctl(std::vector<std::string> args,
			       std::chrono::milliseconds timeout = std::chrono::seconds(10),
			       const std::string &asUser = {});
	/// Whether \a name has an owner now.
	bool hasOwner(const std::string &name);

private:
	TempDir dir_;
	std::string address_;
	std::unique_ptr<Process> daemon_;
};

/// zanryod on a PrivateBus with a state directory and optional config text.
class Zanryod
{
public:
	struct Options {
		std::string configToml;		  ///< written to a file and passed with --config
		std::vector<std::string> devices; ///< --device
		std::string stateDir;		  ///< default: a fresh temp dir kept by this object
	};
	/// \a extraArgs are appended to zanryod's command line.
	Zanryod(PrivateBus &bus, Options options, std::vector<std::string> extraArgs = {});
	~Zanryod();

	/// Waits until org.zanryo.Zanryo1 is owned; throws with zanryod's stderr if it
	/// exits or the deadline passes.
	void waitReady(std::chrono::milliseconds timeout = std::chrono::seconds(10));
	const std::string &stateDir() const { return stateDir_; }
	Process &process() { return *process_; }
	std::string log() const { return process_->stderrText(); }

private:
	PrivateBus &bus_;
	TempDir dir_;
	std::string stateDir_;
	std::unique_ptr<Process> process_;
};

/// The value part of `busctl get-property` output: `s "0.1.0"` -> `0.1.0`, `t 42` -> `42`.
std::string busctlValue(const std::string &output);

/// The first modem object path zanryod publishes on \a bus (found with `busctl tree`),
/// once it is there; empty when the deadline passes first.
std::string modemObjectPath(PrivateBus &bus, Deadline deadline);

/// `busctl get-property org.zanryo.Zanryo1 PATH IFACE NAME` as busctlValue(), or
/// "<error: ...>" so a failed read never equals an expected value.
std::string getProperty(PrivateBus &bus, const std::string &path, const std::string &iface,
			const std::string &name);

} /* namespace zanryo::test */
