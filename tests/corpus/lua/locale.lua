-- os.setlocale with the names Windows and Wine accept, and a locale with
-- a decimal comma: tostring, string.format and tonumber follow it (Lua's
-- lexer keeps reading 1.5 in source text whatever the locale).
print(os.setlocale())
print(os.setlocale("pt_BR"), os.setlocale(nil, "numeric"))
print(1.5, 1e100, string.format("%.2f %g", 3.25, 0.125), tonumber("2,5"), tonumber("2.5"))
print(os.setlocale("C", "numeric"), 1.5, tonumber("2,5"))
print(os.setlocale("German_Germany.1252", "numeric"), 2.75 * 2)
print(os.setlocale("no-such-locale"), os.setlocale("C"))
print(os.setlocale("ptb", "ctype"), ("\xe4\xc4"):upper() == "\xc4\xc4", ("\xe4\xc4"):lower() == "\xe4\xe4")
print(os.setlocale("deu", "all"), os.setlocale(nil, "time"), os.setlocale("C", "all"))
