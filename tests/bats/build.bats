#!/usr/bin/env bats
# Bad input to the build gets one clear line naming the problem.

load ../helpers/common

setup() {
	cd "$ROOT"
	TMP=$(mktemp -d)
}

teardown() {
	rm -rf "$TMP"
}

@test "an unknown CONFIG_NAME fails with one line naming the configs that exist" {
	run make PODMAN_BUILD=0 all CONFIG_NAME=no-such-config
	[ "$status" -ne 0 ]
	line=$(echo "$output" | grep 'CONFIG_NAME=no-such-config')
	[ "$(echo "$line" | wc -l)" -eq 1 ]
	echo "$line" | grep -q 'configs: .*server'
	echo "$line" | grep -q 'minimal'
}

@test "a malformed config TOML fails with its file and line" {
	printf 'include = ["%s/config/server.toml"]\n[packages]\nhelloworld = {\n' "$ROOT" >"$TMP/bad.toml"
	run make PODMAN_BUILD=0 all CONFIG_NAME=bad FILESYSTEM_CONFIG="$TMP/bad.toml" BUILD="$TMP/build"
	[ "$status" -ne 0 ]
	echo "$output" | grep -q "^$TMP/bad.toml:3: "
}

@test "an unknown key in a config is named with its file" {
	printf '[general]\nfilesystem_sise = 10\n' >"$TMP/typo.toml"
	run make PODMAN_BUILD=0 all CONFIG_NAME=typo FILESYSTEM_CONFIG="$TMP/typo.toml" BUILD="$TMP/build"
	[ "$status" -ne 0 ]
	echo "$output" | grep -q "$TMP/typo.toml.*filesystem_sise"
}

@test "a config naming a package without a recipe fails, naming the package and the file" {
	printf 'include = ["%s/config/server.toml"]\n[packages]\nno-such-recipe = {}\n' "$ROOT" >"$TMP/typo.toml"
	run make PODMAN_BUILD=0 all CONFIG_NAME=typo FILESYSTEM_CONFIG="$TMP/typo.toml" BUILD="$TMP/build"
	[ "$status" -ne 0 ]
	line=$(echo "$output" | grep 'no-such-recipe')
	[ "$(echo "$line" | wc -l)" -eq 1 ]
	echo "$line" | grep -q "^$TMP/typo.toml: \[packages\] no-such-recipe: no recipe "
}

@test "build.sh passes -c to make as CONFIG_NAME" {
	run ./build.sh -c no-such-config all
	[ "$status" -ne 0 ]
	echo "$output" | grep -q 'CONFIG_NAME=no-such-config'
}

@test "without podman, podman_bootstrap.sh says in one line what to install" {
	run env PODMAN=no-such-podman ./podman_bootstrap.sh -n
	[ "$status" -ne 0 ]
	[ "$(echo "$output" | grep -c 'podman not found')" -eq 1 ]
	echo "$output" | grep -q 'install podman'
}
