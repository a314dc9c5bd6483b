# loader/: image sections, views, binding, the `dllshare` command.
LOADER_SRCS := $(wildcard loader/*.c)
LOADER_OBJS := $(LOADER_SRCS:%.c=$(OBJ)/%.o)
