#pragma once

// A sysfs tree in a temporary directory, laid out as the kernel lays out the parts that
// netif.cpp reads: devices/..., class/<class>/<name> links, net/<if>/statistics.
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>

namespace zanryo::test {

class FakeSysfs
{
public:
	FakeSysfs()
	{
		char tmpl[] = "/tmp/zanryo-sysfs-XXXXXX";
		if (!::mkdtemp(tmpl))
			throw std::runtime_error("mkdtemp failed");
		base_ = tmpl;
		std::filesystem::create_directories(root() + "/devices");
	}
	~FakeSysfs() { std::filesystem::remove_all(base_); }
	FakeSysfs(const FakeSysfs &) = delete;
	FakeSysfs &operator=(const FakeSysfs &) = delete;

	std::string root() const { return base_ + "/sys"; }
	const std::string &base() const { return base_; }

	/// A device directory under devices/ (with parents).
	std::string device(const std::string &rel) const
	{
		std::string p = root() + "/devices/" + rel;
		std::filesystem::create_directories(p);
		return p;
	}
	/// A USB device: its directory gets idVendor.
	void usbDevice(const std::string &rel, const std::string &vendor) const
	{
		write(device(rel) + "/idVendor", vendor + "\n");
	}
	/// A class node (class/<cls>/<name> -> the device's node directory).
	void classNode(const std::string &cls, const std::string &name, const std::string &devRel) const
	{
		std::string target = device(devRel);
		std::filesystem::create_directories(root() + "/class/" + cls);
		std::filesystem::create_symlink(target, root() + "/class/" + cls + "/" + name);
	}
	/// The `subsystem` link of a device directory (e.g. "wwan", "pci").
	void subsystem(const std::string &devRel, const std::string &cls) const
	{
		std::filesystem::create_directories(root() + "/class/" + cls);
		std::filesystem::create_symlink(root() + "/class/" + cls, device(devRel) + "/subsystem");
	}
	/// A network interface below \a parentRel (parentRel/net/<name>), linked in class/net.
	void netInterface(const std::string &parentRel, const std::string &name, std::uint64_t ifindex) const
	{
		std::string dir = device(parentRel + "/net/" + name);
		std::filesystem::create_directories(dir + "/statistics");
		std::filesystem::create_directories(root() + "/class/net");
		std::error_code ec;
		std::filesystem::remove(root() + "/class/net/" + name, ec);
		std::filesystem::create_symlink(dir, root() + "/class/net/" + name);
		write(dir + "/ifindex", std::to_string(ifindex) + "\n");
		write(dir + "/flags", "0x1003\n");
		setCounters(name, 0, 0);
	}
	void setCounters(const std::string &name, std::uint64_t rx, std::uint64_t tx) const
	{
		std::string dir = root() + "/class/net/" + name + "/statistics";
		write(dir + "/rx_bytes", std::to_string(rx) + "\n");
		write(dir + "/tx_bytes", std::to_string(tx) + "\n");
	}
	void setFlags(const std::string &name, const std::string &flags) const
	{
		write(root() + "/class/net/" + name + "/flags", flags + "\n");
	}
	/// Delete an interface (its class/net link and its directory).
	void removeInterface(const std::string &name) const
	{
		auto link = root() + "/class/net/" + name;
		auto target = std::filesystem::read_symlink(link);
		std::filesystem::remove(link);
		std::filesystem::remove_all(target);
	}

	static void write(const std::string &path, const std::string &text)
	{
		std::ofstream out(path, std::ios::trunc);
		out << text;
		if (!out)
			throw std::runtime_error("cannot write " + path);
	}

private:
	std::string base_;
};

} /* namespace zanryo::test */
