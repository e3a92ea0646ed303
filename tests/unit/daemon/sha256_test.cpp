#include <gtest/gtest.h>

#include <string>

#include "sha256.hpp"

namespace zanryo {
namespace {

// FIPS 180-4 examples (NIST CSRC "SHA256.pdf") and the one-block/two-block boundary.
TEST(Sha256, fipsExamples)
{
	EXPECT_EQ(sha256Hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	EXPECT_EQ(sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	EXPECT_EQ(sha256Hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
		  "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
	EXPECT_EQ(sha256Hex(std::string(1000000, 'a')),
		  "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

// RFC 4231 §4.2, §4.3, §4.7 (a key longer than the block) and §4.8.
TEST(Sha256, hmacMatchesRfc4231)
{
	EXPECT_EQ(hmacSha256Hex(std::string(20, '\x0b'), "Hi There"),
		  "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
	EXPECT_EQ(hmacSha256Hex("Jefe", "what do ya want for nothing?"),
		  "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
	EXPECT_EQ(hmacSha256Hex(std::string(131, '\xaa'), "Test Using Larger Than Block-Size Key - Hash Key First"),
		  "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
	EXPECT_EQ(hmacSha256Hex(std::string(131, '\xaa'),
				"This is a test using a larger than block-size key and a larger than block-size data. "
				"The key needs to be hashed before being used by the HMAC algorithm."),
		  "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2");
}

} // namespace
} // namespace zanryo
