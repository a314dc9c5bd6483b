# pe/: the PE format library.
PE_SRCS := $(wildcard pe/*.c)
PE_OBJS := $(PE_SRCS:%.c=$(OBJ)/%.o)
PE_SAN_OBJS := $(PE_SRCS:%.c=$(SAN_OBJ)/%.o)
