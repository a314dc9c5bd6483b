# install.mk: `make install` and `make uninstall`, and the version the two
# programs print.
#
#   make install   [PREFIX=/usr/local] [DESTDIR=]
#   make uninstall [PREFIX=/usr/local] [DESTDIR=]
#
# What goes where (under $(DESTDIR)$(PREFIX)):
#   bin/dllshare, bin/dllmap
#   share/man/man1/dllshare.1, dllmap.1              (man/)
#   share/bash-completion/completions/dllshare, dllmap  (completion/)
#   share/doc/dllshare/README.md, docs/*.md, samples/*/  (the samples'
#       sources and ABOUT.md files, laid out as in the tree, so the links
#       between them keep working)
# uninstall removes exactly these files, then the directories that are
# dllshare's own (share/doc/dllshare and below) when they are empty.
# Nothing else is needed at run time: the cache directory is made on first
# use ($XDG_RUNTIME_DIR/dllshare or /dev/shm/dllshare-UID).
PREFIX  ?= /usr/local
DESTDIR ?=
BINDIR  := $(PREFIX)/bin
MAN1DIR := $(PREFIX)/share/man/man1
COMPDIR := $(PREFIX)/share/bash-completion/completions
DOCDIR  := $(PREFIX)/share/doc/dllshare

# The version is compiled into the two main()s only.
VERSION_DEF := -DDLLSHARE_VERSION='"$(VERSION)"'
$(OBJ)/loader/main.o $(OBJ)/tools/dm_main.o: CFLAGS += $(VERSION_DEF)
$(SAN_OBJ)/loader/main.o $(SAN_OBJ)/tools/dm_main.o: SAN_CFLAGS += $(VERSION_DEF)
$(OBJ)/loader/main.o $(OBJ)/tools/dm_main.o: Makefile
$(SAN_OBJ)/loader/main.o $(SAN_OBJ)/tools/dm_main.o: Makefile

# SOURCE:DIRECTORY, one per installed file.
SAMPLE_FILES := $(sort $(wildcard samples/*/*))
INSTALL_MAP := $(BIN)/dllshare:$(BINDIR) $(BIN)/dllmap:$(BINDIR) \
	man/dllshare.1:$(MAN1DIR) man/dllmap.1:$(MAN1DIR) \
	completion/dllshare:$(COMPDIR) completion/dllmap:$(COMPDIR) \
	README.md:$(DOCDIR) $(foreach f,$(wildcard docs/*.md),$(f):$(DOCDIR)/docs) \
	$(foreach f,$(SAMPLE_FILES),$(f):$(DOCDIR)/$(patsubst %/,%,$(dir $(f))))
# dllshare's own directories, deepest first.
INSTALL_OWN_DIRS := $(sort $(foreach f,$(SAMPLE_FILES),$(DOCDIR)/$(patsubst %/,%,$(dir $(f))))) \
	$(DOCDIR)/samples $(DOCDIR)/docs $(DOCDIR)

install: $(BIN)/dllshare $(BIN)/dllmap
	@set -e; for m in $(INSTALL_MAP); do \
		src=$${m%%:*}; dir="$(DESTDIR)$${m#*:}"; \
		case $$src in $(BIN)/*) mode=755 ;; *) mode=644 ;; esac; \
		install -d "$$dir"; install -m $$mode "$$src" "$$dir/"; \
		echo "install $$dir/$${src##*/}"; \
	done

uninstall:
	@for m in $(INSTALL_MAP); do \
		src=$${m%%:*}; f="$(DESTDIR)$${m#*:}/$${src##*/}"; \
		if [ -e "$$f" ] || [ -L "$$f" ]; then rm -f "$$f" && echo "rm $$f"; fi; \
	done
	@for d in $(INSTALL_OWN_DIRS); do \
		d="$(DESTDIR)$$d"; \
		if [ -d "$$d" ]; then rmdir --ignore-fail-on-non-empty "$$d"; fi; \
	done
