#pragma once

#include <string>

namespace zanryo::test {

/// A fresh directory under $TMPDIR (or /tmp), removed with its contents on destruction.
class TempDir
{
public:
	TempDir();
	~TempDir();
	TempDir(const TempDir &) = delete;
	TempDir &operator=(const TempDir &) = delete;

	const std::string &path() const { return path_; }
	/// path() + "/" + \a name
	std::string file(const std::string &name) const { return path_ + "/" + name; }
	/// Write \a content to file(\a name) and return that path.
	std::string write(const std::string &name, const std::string &content) const;

private:
	std::string path_;
};

/// Whole file as a string; empty if it cannot be read.
std::string readFile(const std::string &path);
/// Write (replace) a file; throws std::runtime_error on failure.
void writeFile(const std::string &path, const std::string &content);

} /* namespace zanryo::test */
