// lief_dump.cpp — test-only: prints a PE file as LIEF 0.9 parses it, in
// the canonical text form that pe_dump (our parser) prints too, so that
// tests/lief/compare.sh can diff the two.  C++ only because LIEF's API is.
#include <LIEF/PE.hpp>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <vector>
#include <string>

// LIEF 0.9 lists a forwarded export twice: once with the forwarder string
// as its name and address 0 (is_extern), once with its real name and the
// RVA of the forwarder string.  The second is printed, with the string read
// at that RVA; the first is skipped.  Unused slots (RVA 0) are not printed.
static void dump_exports(const LIEF::PE::Binary &b)
{
	const LIEF::PE::DataDirectory &d =
		b.data_directory(LIEF::PE::DATA_DIRECTORY::EXPORT_TABLE);
	std::vector<std::pair<unsigned, std::string>> lines;
	char buf[2048];

	for (const LIEF::PE::ExportEntry &e : b.get_export().entries()) {
		const char *name = e.name().empty() ? "-" : e.name().c_str();

		if (e.is_extern() || e.address() == 0)
			continue;
		if (e.address() - d.RVA() < d.size()) {
			std::string fwd;
			for (uint8_t ch : b.get_content_from_virtual_address(
				     e.address(), 512, LIEF::Binary::VA_TYPES::RVA)) {
				if (!ch)
					break;
				fwd += (char)ch;
			}
			std::snprintf(buf, sizeof buf, "export %u forward %s %s",
			              e.ordinal(), name, fwd.c_str());
		} else {
			std::snprintf(buf, sizeof buf, "export %u 0x%x %s",
			              e.ordinal(), e.address(), name);
		}
		lines.emplace_back(e.ordinal(), buf);
	}
	std::stable_sort(lines.begin(), lines.end(),
	                 [](const std::pair<unsigned, std::string> &a,
	                    const std::pair<unsigned, std::string> &b) {
		                 return a.first < b.first;
	                 });
	for (const auto &l : lines)
		std::printf("%s\n", l.second.c_str());
}

// LIEF 0.9 leaves "/N" section names unresolved; N is an offset into the
// COFF string table, which follows the symbol table (18 bytes a symbol).
static std::string section_name(const LIEF::PE::Binary &b,
                                 const std::vector<uint8_t> &file,
                                 const std::string &raw)
{
	if (raw.size() < 2 || raw[0] != '/' || !b.header().pointerto_symbol_table())
		return raw;
	uint64_t n = 0;
	for (size_t i = 1; i < raw.size(); i++) {
		if (raw[i] < '0' || raw[i] > '9')
			return raw;
		n = n * 10 + (raw[i] - '0');
	}
	uint64_t at = b.header().pointerto_symbol_table() +
	              18ULL * b.header().numberof_symbols() + n;
	std::string out;
	for (; at < file.size() && file[at]; at++)
		out += (char)file[at];
	return out;
}

static void dump(const LIEF::PE::Binary &b, const std::vector<uint8_t> &file)
{
	const auto &oh = b.optional_header();
	std::printf("machine 0x%x\n", (unsigned)b.header().machine());
	std::printf("image_base 0x%llx\n", (unsigned long long)oh.imagebase());
	std::printf("entry 0x%x\n", (unsigned)oh.addressof_entrypoint());
	for (const LIEF::PE::Section &s : b.sections()) {
		uint32_t vs = s.virtual_size(), raw = s.sizeof_raw_data();
		if (vs == 0)
			vs = raw;
		if (raw > vs)
			raw = vs;
		std::printf("section %s va 0x%llx vsize 0x%x raw 0x%x@0x%x "
		            "flags 0x%x\n",
		            section_name(b, file, s.name()).c_str(),
		            (unsigned long long)s.virtual_address(), vs, raw,
		            raw ? s.pointerto_raw_data() : 0,
		            s.characteristics());
	}
	if (b.has_imports())
		for (const LIEF::PE::Import &imp : b.imports()) {
			std::printf("import %s\n", imp.name().c_str());
			for (const LIEF::PE::ImportEntry &e : imp.entries()) {
				if (e.is_ordinal())
					std::printf("  ordinal %u\n", e.ordinal());
				else
					std::printf("  name %s hint %u\n", e.name().c_str(), e.hint());
			}
		}
	if (b.has_exports())
		dump_exports(b);
	if (b.has_tls()) {
		const LIEF::PE::TLS &t = b.tls();
		std::printf("tls index 0x%llx callbacks",
		            (unsigned long long)t.addressof_index());
		for (uint64_t cb : t.callbacks())
			std::printf(" 0x%llx", (unsigned long long)cb);
		std::printf("\n");
	}
	unsigned long n = 0;
	if (b.has_relocations())
		for (const LIEF::PE::Relocation &r : b.relocations())
			for (const LIEF::PE::RelocationEntry &e : r.entries())
				if (e.type() != LIEF::PE::RELOCATIONS_BASE_TYPES::IMAGE_REL_BASED_ABSOLUTE)
					n++;
	std::printf("relocs %lu\n", n);
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		std::fprintf(stderr, "usage: lief_dump FILE\n");
		return 2;
	}
	try {
		std::unique_ptr<LIEF::PE::Binary> b =
			LIEF::PE::Parser::parse(argv[1]);
		if (!b) {
			std::fprintf(stderr, "lief_dump: %s: not parsed\n", argv[1]);
			return 1;
		}
		std::ifstream in(argv[1], std::ios::binary);
		std::vector<uint8_t> file((std::istreambuf_iterator<char>(in)),
		                          std::istreambuf_iterator<char>());
		dump(*b, file);
	} catch (const std::exception &e) {
		std::fprintf(stderr, "lief_dump: %s: %s\n", argv[1], e.what());
		return 1;
	}
	return 0;
}
