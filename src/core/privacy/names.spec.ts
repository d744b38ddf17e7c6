import { describe, expect, it } from '@jest/globals';
import { nameForms, namesIn, redactNames } from './names.js';

describe('names in staff-written text', () => {
  const forms = nameForms(['@wang_fang', 'Wang Fang', '王芳', 'Li', '王', undefined]);

  it('knows a handle with and without its @, display names, and leaves out names too short to tell from words', () => {
    expect(forms).toEqual(['@wang_fang', 'wang_fang', 'Wang Fang', '王芳']);
  });

  it('finds names as whole words in English and anywhere in Chinese', () => {
    expect(namesIn('Called Wang Fang back, refund agreed', forms)).toBe(true);
    expect(namesIn('客户王芳来电，已退款', forms)).toBe(true);
    expect(namesIn('see @wang_fang on weibo', forms)).toBe(true);
    expect(namesIn('客户@wang_fang来电', forms)).toBe(true);
    expect(namesIn('Wang Fangs and wang_fangx are other people', forms)).toBe(false);
    expect(namesIn('Li Limited called', nameForms(['Li']))).toBe(false);
  });

  it('replaces every form, keeping the rest of the note', () => {
    expect(redactNames('Called Wang Fang (@wang_fang) back; 王芳 agreed', forms, '[removed on request]')).toBe('Called [removed on request] ([removed on request]) back; [removed on request] agreed');
  });
});
