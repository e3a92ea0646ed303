#pragma once

#include <chrono>
#include <optional>
#include <regex>
#include <string>
#include <string_view>
#include <sys/types.h>
#include <vector>

#include "support/temp_dir.hpp"
#include "support/wait.hpp"

namespace zanryo::test {

/// A child process started with fork/exec, its stdout and stderr captured to files.
/// The destructor stops it (SIGTERM, then SIGKILL after a grace period) and reaps it,
/// so a failing test never leaves a process behind.
class Process
{
public:
	struct Options {
		std::vector<std::string> env;  ///< "KEY=VALUE" added to (or replacing in) the environment
		std::string workdir;           ///< chdir here first, if not empty
		std::string stdinPath;         ///< read stdin from this file (default /dev/null)
	};

	/// Start \a program (a path, or a name looked up in PATH) with \a args.
	/// Throws std::runtime_error if the program cannot be started.
	Process(std::string program, std::vector<std::string> args, Options options);
	Process(std::string program, std::vector<std::string> args)
		: Process(std::move(program), std::move(args), Options{})
	{
	}
	~Process();
	Process(const Process &) = delete;
	Process &operator=(const Process &) = delete;

	pid_t pid() const { return pid_; }
	bool running();
	/// Wait for the exit until \a deadline; the exit code (128 + signal when killed).
	std::optional<int> wait(Deadline deadline);
	/// SIGTERM, up to \a grace for the exit, then SIGKILL. Returns the exit code.
	int terminate(std::chrono::milliseconds grace = std::chrono::seconds(3));
	/// Send a signal (SIGTERM, SIGINT...) without waiting.
	void signal(int sig);
	std::optional<int> exitCode() const { return exitCode_; }

	std::string stdoutText() const;
	std::string stderrText() const;
	/// The first complete stdout (or stderr) line matching \a re, waiting until \a deadline.
	std::optional<std::string> waitForLine(const std::regex &re, Deadline deadline, bool fromStderr = false);

	/// Run to completion with a time limit (killed when it passes) and return the exit
	/// code with the output: for command-line tools such as gammu or zanryoctl.
	struct Result {
		int exitCode = -1;
		std::string out;
		std::string err;
	};
	static Result run(std::string program, std::vector<std::string> args, std::chrono::milliseconds timeout,
			  Options options = {});

private:
	void reap(bool block);

	TempDir dir_;
	std::string program_;
	pid_t pid_ = -1;
	std::optional<int> exitCode_;
};

/// How many times \a needle occurs in \a text (a process's output: signals a monitor
/// printed, commands a simulator logged).
std::size_t occurrences(std::string_view text, std::string_view needle);

} /* namespace zanryo::test */
