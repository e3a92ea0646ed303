// Every member of the D-Bus contract (dbus/org.zanryo.Zanryo1.xml) is documented in
// docs/dbus-api.md, in a backticked signature line under its interface's section.
#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <sstream>
#include <string>

namespace {

std::string readAll(const std::string &path)
{
	std::ifstream in(path);
	std::ostringstream ss;
	ss << in.rdbuf();
	return ss.str();
}

TEST(DbusApiDocs, everyInterfaceMemberIsDocumentedUnderItsInterface)
{
	std::string xml = readAll(std::string(ZANRYO_SOURCE_DIR) + "/dbus/org.zanryo.Zanryo1.xml");
	std::string doc = readAll(std::string(ZANRYO_SOURCE_DIR) + "/docs/dbus-api.md");
	ASSERT_FALSE(xml.empty());
	ASSERT_FALSE(doc.empty());

	std::regex iface(R"re(<interface name="org\.zanryo\.Zanryo1\.(\w+)">([\s\S]*?)</interface>)re");
	std::regex member(R"re(<(method|property|signal) name="(\w+)")re");
	int checked = 0;
	for (auto it = std::sregex_iterator(xml.begin(), xml.end(), iface); it != std::sregex_iterator(); ++it) {
		std::string name = (*it)[1];
		std::string body = (*it)[2];
		// The section of this interface: from "Interface org.zanryo.Zanryo1.<name>" to the next "## ".
		auto start = doc.find("Interface       org.zanryo.Zanryo1." + name);
		ASSERT_NE(start, std::string::npos) << "no section for interface " << name;
		auto end = doc.find("\n## ", start);
		std::string section = doc.substr(start, end == std::string::npos ? std::string::npos : end - start);
		for (auto m = std::sregex_iterator(body.begin(), body.end(), member); m != std::sregex_iterator(); ++m) {
			std::string what = (*m)[1], memberName = (*m)[2];
			std::regex signature("`[^`\n]*\\b" + memberName + "\\b[^`\n]*`");
			EXPECT_TRUE(std::regex_search(section, signature))
				<< what << " " << name << "." << memberName << " is not documented in docs/dbus-api.md";
			checked++;
		}
	}
	EXPECT_GT(checked, 25);
}

} // namespace
