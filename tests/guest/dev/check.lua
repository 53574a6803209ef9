-- check.lua: run by the Lua that tcc and make built on the booted system
-- and by the image's own lua (tests/bats/dev.bats); both must print the
-- same lines.
local t = {}
for i = 1, 1000 do t[i] = (i * 7919) % 1000 end
table.sort(t)
local s = 0
for _, v in ipairs(t) do s = s + v end
print("sum", s, #t, t[1], t[#t])
print("fmt", string.format("%5.2f %g %x %q", math.pi, 1e300 * 10, 48879, "a\nb"))
print("str", ("hello world"):gsub("o", "0"), ("abc"):rep(3, "-"), ("Lua"):upper())
local co = coroutine.wrap(function(a)
  local b = coroutine.yield(a + 1)
  return b * 2
end)
print("co", co(1), co(21))
print("err", pcall(function() error("boom", 0) end))
print("int", 7 // 2, 7 % -3, 2^53 == 2^53 + 1, math.maxinteger, 1 << 62)
local fib
fib = function(n) if n < 2 then return n end return fib(n - 1) + fib(n - 2) end
print("fib", fib(25))
print("utf8", utf8.char(72, 228, 8364), utf8.len("häh"))
print("os", type(os.time()), os.getenv("HOME") ~= nil, io.write ~= nil)
