/*
 * The few UEFI types the loader uses, written from the UEFI specification
 * (2.9): the system table, boot services, and the simple text output,
 * block I/O, graphics output, loaded image and device path protocols.
 * Firmware calls use the Microsoft x64 calling convention, which is the
 * default of the x86_64-unknown-windows target this directory is built for.
 */
#ifndef BOOTLOADER_EFI_H
#define BOOTLOADER_EFI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define EFIAPI __attribute__((ms_abi))

typedef uint64_t efi_status;
typedef void *efi_handle;
typedef uint16_t char16;

#define EFI_SUCCESS           0
#define EFI_ERROR_BIT         (1ULL << 63)
#define EFI_INVALID_PARAMETER (EFI_ERROR_BIT | 2)
#define EFI_UNSUPPORTED       (EFI_ERROR_BIT | 3)
#define EFI_BUFFER_TOO_SMALL  (EFI_ERROR_BIT | 5)
#define EFI_NOT_FOUND         (EFI_ERROR_BIT | 14)

struct efi_guid {
	uint32_t data1;
	uint16_t data2, data3;
	uint8_t data4[8];
};

struct efi_table_header {
	uint64_t signature;
	uint32_t revision, header_size, crc32, reserved;
};

struct efi_simple_text_output {
	efi_status(EFIAPI *reset)(struct efi_simple_text_output *self, bool extended);
	efi_status(EFIAPI *output_string)(struct efi_simple_text_output *self,
	                                  const char16 *string);
	void *test_string, *query_mode, *set_mode, *set_attribute, *clear_screen,
	    *set_cursor_position, *enable_cursor, *mode;
};

struct efi_input_key {
	uint16_t scan_code;
	char16 unicode_char;
};
#define EFI_SCAN_ESC 0x17

struct efi_simple_text_input {
	efi_status(EFIAPI *reset)(struct efi_simple_text_input *self, bool extended);
	efi_status(EFIAPI *read_key_stroke)(struct efi_simple_text_input *self,
	                                    struct efi_input_key *key);
	void *wait_for_key;
};

enum efi_memory_type {
	EFI_RESERVED_MEMORY,
	EFI_LOADER_CODE,
	EFI_LOADER_DATA,
	EFI_BOOT_SERVICES_CODE,
	EFI_BOOT_SERVICES_DATA,
	EFI_RUNTIME_SERVICES_CODE,
	EFI_RUNTIME_SERVICES_DATA,
	EFI_CONVENTIONAL_MEMORY,
	EFI_UNUSABLE_MEMORY,
	EFI_ACPI_RECLAIM_MEMORY,
	EFI_ACPI_MEMORY_NVS,
	EFI_MEMORY_MAPPED_IO,
	EFI_MEMORY_MAPPED_IO_PORT_SPACE,
	EFI_PAL_CODE,
	EFI_PERSISTENT_MEMORY,
};

enum efi_allocate_type {
	EFI_ALLOCATE_ANY_PAGES,
	EFI_ALLOCATE_MAX_ADDRESS,
	EFI_ALLOCATE_ADDRESS,
};

enum efi_locate_search_type {
	EFI_ALL_HANDLES,
	EFI_BY_REGISTER_NOTIFY,
	EFI_BY_PROTOCOL,
};

/* Walk a memory map with the descriptor size GetMemoryMap returns, not sizeof. */
struct efi_memory_descriptor {
	uint32_t type;
	uint64_t physical_start;
	uint64_t virtual_start;
	uint64_t number_of_pages;
	uint64_t attribute;
};

typedef void *efi_unused;

struct efi_boot_services {
	struct efi_table_header hdr;
	efi_unused raise_tpl, restore_tpl;
	efi_status(EFIAPI *allocate_pages)(enum efi_allocate_type type, enum efi_memory_type mem,
	                                   uint64_t pages, uint64_t *address);
	efi_status(EFIAPI *free_pages)(uint64_t address, uint64_t pages);
	efi_status(EFIAPI *get_memory_map)(uint64_t *map_size, struct efi_memory_descriptor *map,
	                                   uint64_t *map_key, uint64_t *descriptor_size,
	                                   uint32_t *descriptor_version);
	efi_status(EFIAPI *allocate_pool)(enum efi_memory_type mem, uint64_t size, void **buffer);
	efi_status(EFIAPI *free_pool)(void *buffer);
	efi_unused create_event, set_timer, wait_for_event, signal_event, close_event, check_event;
	efi_unused install_protocol_interface, reinstall_protocol_interface,
	    uninstall_protocol_interface;
	efi_status(EFIAPI *handle_protocol)(efi_handle handle, const struct efi_guid *protocol,
	                                    void **interface);
	efi_unused reserved, register_protocol_notify, locate_handle, locate_device_path,
	    install_configuration_table;
	efi_unused load_image, start_image;
	efi_status(EFIAPI *exit)(efi_handle image, efi_status status, uint64_t data_size,
	                         char16 *data);
	efi_unused unload_image;
	efi_status(EFIAPI *exit_boot_services)(efi_handle image, uint64_t map_key);
	efi_unused get_next_monotonic_count;
	efi_status(EFIAPI *stall)(uint64_t microseconds);
	efi_status(EFIAPI *set_watchdog_timer)(uint64_t timeout, uint64_t code, uint64_t size,
	                                       const char16 *data);
	efi_unused connect_controller, disconnect_controller;
	efi_unused open_protocol, close_protocol, open_protocol_information;
	efi_unused protocols_per_handle;
	efi_status(EFIAPI *locate_handle_buffer)(enum efi_locate_search_type search,
	                                         const struct efi_guid *protocol, void *key,
	                                         uint64_t *count, efi_handle **handles);
	efi_status(EFIAPI *locate_protocol)(const struct efi_guid *protocol, void *registration,
	                                    void **interface);
	/* the rest is not used */
};

struct efi_configuration_table {
	struct efi_guid vendor_guid;
	void *vendor_table;
};

struct efi_system_table {
	struct efi_table_header hdr;
	char16 *firmware_vendor;
	uint32_t firmware_revision;
	efi_handle console_in_handle;
	struct efi_simple_text_input *con_in;
	efi_handle console_out_handle;
	struct efi_simple_text_output *con_out;
	efi_handle standard_error_handle;
	struct efi_simple_text_output *std_err;
	void *runtime_services;
	struct efi_boot_services *boot_services;
	uint64_t number_of_table_entries;
	struct efi_configuration_table *configuration_table;
};

/* Block I/O protocol */
#define EFI_BLOCK_IO_GUID                                                                          \
	{                                                                                          \
		0x964e5b21, 0x6459, 0x11d2,                                                        \
		{                                                                                  \
			0x8e, 0x39, 0x00, 0xa0, 0xc9, 0x69, 0x72, 0x3b                             \
		}                                                                                  \
	}

struct efi_block_io_media {
	uint32_t media_id;
	bool removable_media, media_present, logical_partition, read_only, write_caching;
	uint32_t block_size;
	uint32_t io_align;
	uint64_t last_block;
};

struct efi_block_io {
	uint64_t revision;
	struct efi_block_io_media *media;
	efi_unused reset;
	efi_status(EFIAPI *read_blocks)(struct efi_block_io *self, uint32_t media_id, uint64_t lba,
	                                uint64_t size, void *buffer);
	efi_unused write_blocks, flush_blocks;
};

/* Graphics output protocol */
#define EFI_GRAPHICS_OUTPUT_GUID                                                                   \
	{                                                                                          \
		0x9042a9de, 0x23dc, 0x4a38,                                                        \
		{                                                                                  \
			0x96, 0xfb, 0x7a, 0xde, 0xd0, 0x80, 0x51, 0x6a                             \
		}                                                                                  \
	}

enum efi_pixel_format {
	EFI_PIXEL_RGBX_8BPP,
	EFI_PIXEL_BGRX_8BPP,
	EFI_PIXEL_BIT_MASK,
	EFI_PIXEL_BLT_ONLY,
};

struct efi_gop_mode_info {
	uint32_t version;
	uint32_t horizontal_resolution, vertical_resolution;
	enum efi_pixel_format pixel_format;
	uint32_t red_mask, green_mask, blue_mask, reserved_mask;
	uint32_t pixels_per_scan_line;
};

struct efi_gop_mode {
	uint32_t max_mode;
	uint32_t mode;
	struct efi_gop_mode_info *info;
	uint64_t size_of_info;
	uint64_t frame_buffer_base;
	uint64_t frame_buffer_size;
};

struct efi_graphics_output {
	efi_status(EFIAPI *query_mode)(struct efi_graphics_output *self, uint32_t mode,
	                               uint64_t *size_of_info, struct efi_gop_mode_info **info);
	efi_status(EFIAPI *set_mode)(struct efi_graphics_output *self, uint32_t mode);
	efi_unused blt;
	struct efi_gop_mode *mode;
};

/* Loaded image protocol: where this application came from */
#define EFI_LOADED_IMAGE_GUID                                                                      \
	{                                                                                          \
		0x5b1b31a1, 0x9562, 0x11d2,                                                        \
		{                                                                                  \
			0x8e, 0x3f, 0x00, 0xa0, 0xc9, 0x69, 0x72, 0x3b                             \
		}                                                                                  \
	}

struct efi_loaded_image {
	uint32_t revision;
	efi_handle parent_handle;
	struct efi_system_table *system_table;
	efi_handle device_handle;
	void *file_path;
	void *reserved;
	uint32_t load_options_size;
	void *load_options;
	void *image_base;
	uint64_t image_size;
	enum efi_memory_type image_code_type, image_data_type;
	efi_unused unload;
};

/* Device path protocol: a list of nodes ending with type 0x7F */
#define EFI_DEVICE_PATH_GUID                                                                       \
	{                                                                                          \
		0x09576e91, 0x6d3f, 0x11d2,                                                        \
		{                                                                                  \
			0x8e, 0x39, 0x00, 0xa0, 0xc9, 0x69, 0x72, 0x3b                             \
		}                                                                                  \
	}

struct efi_device_path {
	uint8_t type, subtype;
	uint8_t length[2];
};
#define EFI_DEVICE_PATH_MEDIA      4
#define EFI_DEVICE_PATH_HARD_DRIVE 1
#define EFI_DEVICE_PATH_END        0x7F

/* Media device path, hard drive node: a partition of a disk */
struct efi_hard_drive_path {
	struct efi_device_path header;
	uint32_t partition_number;
	uint64_t partition_start, partition_size;
	uint8_t signature[16];
	uint8_t format;         /* 2: GPT */
	uint8_t signature_type; /* 2: GUID */
} __attribute__((packed));

/* Configuration tables */
#define EFI_ACPI_20_TABLE_GUID                                                                     \
	{                                                                                          \
		0x8868e871, 0xe4f1, 0x11d3,                                                        \
		{                                                                                  \
			0xbc, 0x22, 0x00, 0x80, 0xc7, 0x3c, 0x88, 0x81                             \
		}                                                                                  \
	}
#define EFI_ACPI_10_TABLE_GUID                                                                     \
	{                                                                                          \
		0xeb9d2d30, 0x2d88, 0x11d3,                                                        \
		{                                                                                  \
			0x9a, 0x16, 0x00, 0x90, 0x27, 0x3f, 0xc1, 0x4d                             \
		}                                                                                  \
	}

#endif
