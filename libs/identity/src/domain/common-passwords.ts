/**
 * Passwords of 12+ characters that still top public breach lists; refused outright. Short ones
 * are refused by the length rule already.
 */
export const COMMON_PASSWORDS = new Set([
  '123456789012', '1234567890123', '12345678901234', '123123123123', '111111111111', '000000000000',
  'qwertyuiopas', 'qwertyuiop123', 'qwerty123456', '1q2w3e4r5t6y', '1qaz2wsx3edc', 'zaq12wsxcde3',
  'password1234', 'password12345', 'password123456', 'passwordpassword', 'p@ssw0rd1234', 'passw0rd1234',
  'iloveyou1234', 'abcdefghijkl', 'abc123456789', 'aaaaaaaaaaaa', 'letmein12345', 'welcome12345',
  'welcome123456', 'administrator', 'admin1234567', 'adminadmin123', 'changeme1234', 'trustno1trustno1',
  'football1234', 'baseball1234', 'sunshine1234', 'princess1234', 'dragon123456', 'monkey123456',
  'master123456', 'superman1234', 'starwars1234', 'qwertyqwerty', 'asdfghjkl123', 'zxcvbnm12345',
  'madoguchi123', 'madoguchi1234', 'support12345', 'helpdesk1234', 'customer1234', 'password!234',
  'passwort1234', 'motdepasse12', 'contraseña123',
]);
