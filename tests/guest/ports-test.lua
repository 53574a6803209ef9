-- Lua's standard library on our C library: run by tests/guest/ports-test.c
-- as "lua initfs:bin/ports-test.lua" (mk/tests-ports.mk puts it there). One
-- line per check, "ok NAME" or "FAIL NAME", then "done N FAILED".
local n, bad = 0, 0
local function check(name, ok)
  n = n + 1
  if not ok then bad = bad + 1 end
  print((ok and 'ok ' or 'FAIL ') .. name)
end

check('string.format', string.format('%5.2f|%d|%s|%x|%q', math.pi, 42, 'hi', 255, 'a\n')
  == ' 3.14|42|hi|ff|"a\\\n"')
check('string methods', ('ab'):rep(3, '-') == 'ab-ab-ab' and ('hello'):sub(2, 4) == 'ell'
  and ('MiX'):upper() == 'MIX' and ('  x '):len() == 4 and ('abc'):byte(2) == 98)
check('patterns', ('key = value'):match('^(%w+)%s*=%s*(%w+)$') == 'key'
  and select(2, ('a,b,,c'):gsub(',', ';')) == 3 and ('hello world'):find('o w', 1, true) == 5
  and ('x=1, y=22'):gsub('(%w+)=(%d+)', '%2=%1') == '1=x, 22=y')
local t = {5, 2, 8, 1}
table.sort(t)
check('table.sort/concat', table.concat(t, ',') == '1,2,5,8')
table.sort(t, function(a, b) return a > b end)
check('table.sort with a comparator', table.concat(t, ',') == '8,5,2,1')
table.insert(t, 1, 0)
table.remove(t)
check('table.insert/remove/unpack', select('#', table.unpack(t)) == 4 and t[1] == 0)
check('math', math.floor(-3.5) == -4 and math.max(1, 9, 3) == 9 and 7 // 2 == 3
  and 7 % -3 == -2 and math.type(1) == 'integer' and math.type(1.0) == 'float'
  and math.abs(math.sin(math.pi)) < 1e-15 and math.maxinteger + 1 == math.mininteger
  and math.fmod(7, 3) == 1 and math.ult(1, -1) and math.abs(math.exp(1) - 2.718281828459045) < 1e-15)
check('number to string', tostring(1 / 0) == 'inf' and tostring(0.1) == '0.1'
  and tostring(2 ^ 63) == '9.2233720368548e+18'
  and string.format('%g %g %.3a', 1e20, 0.0001, 1.0) == '1e+20 0.0001 0x1.000p+0')
check('tonumber', tonumber('0x10') == 16 and tonumber('  1e3 ') == 1000
  and tonumber('z', 36) == 35 and tonumber('1.5e') == nil and tonumber('0x1p4') == 16.0)
check('os.date', os.date('!%Y-%m-%d %H:%M:%S', 0) == '1970-01-01 00:00:00'
  and os.date('!%A %B %j', 86400 * 59) == 'Sunday March 060' and os.date('*t').year >= 2024)
check('os.time', os.time({year = 2000, month = 1, day = 1, hour = 0}) == 946684800)
check('os.clock', type(os.clock()) == 'number' and os.clock() >= 0)
check('os.getenv', os.getenv('LUA_TEST_VAR') == 'from-c' and os.getenv('NO_SUCH_VAR') == nil)
check('pcall/error', not pcall(error, 'x') and select(2, pcall(error, {code = 1})).code == 1)
local co = coroutine.wrap(function(a) local b = coroutine.yield(a + 1); return b * 2 end)
check('coroutines', co(1) == 2 and co(5) == 10)
local f = io.open('initfs:bin/lua', 'rb')
check('io.open/read/seek', f and f:read(4) == '\127ELF' and f:seek('end') > 100000)
if f then f:close() end
check('io.open missing', io.open('initfs:no-such-file') == nil)
local lines = 0
for _ in io.lines('initfs:bin/ports-test.lua') do lines = lines + 1 end
check('io.lines', lines > 40)
check('string.pack', string.unpack('<i4', string.pack('<i4', -2)) == -2)
check('utf8', utf8.char(72, 228, 8364) == 'H\195\164\226\130\172' and utf8.len('H\195\164') == 2)
check('load', load('return 1 + 1')() == 2 and '10' + 5 == 15)
check('gc', collectgarbage('count') > 0)
io.write(string.format('done %d %d\n', n, bad))
